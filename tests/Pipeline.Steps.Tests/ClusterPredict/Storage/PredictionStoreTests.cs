using Dapper;
using Npgsql;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.ClusterPredict.Storage;

[Collection(SharedPostgres.Name)]
public sealed class PredictionStoreTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Replacing_a_run_twice_keeps_only_the_second_set_and_leaves_other_runs_alone()
    {
        await using var dataSource = await postgres.NewMigratedDatabaseAsync();
        var store = new PredictionStore(dataSource);
        await store.ReplaceRunAsync("other", PredictionRows.Make("other", 30), None);

        var first = await store.ReplaceRunAsync("run-1", PredictionRows.Make("run-1", 120, "v1"), None);
        var second = PredictionRows.Make("run-1", 80, "v2");
        var replaced = await store.ReplaceRunAsync("run-1", second, None);

        Assert.Equal(new ReplaceRunResult(0, 120), first);
        Assert.Equal(new ReplaceRunResult(120, 80), replaced);
        Assert.Equal(PredictionRows.Sorted(second), await store.ReadRunAsync("run-1", None));
        Assert.Equal(30, await store.CountRunAsync("other", None));
    }

    [Fact]
    public async Task Values_round_trip_exactly()
    {
        await using var dataSource = await postgres.NewMigratedDatabaseAsync();
        var store = new PredictionStore(dataSource);
        // Microsecond instants (PostgreSQL's precision), an offset other than UTC, and doubles that text would round.
        var rows = new List<PredictionRow>
        {
            new("r", "a", new DateOnly(1999, 12, 31), 0, 0.1 + 0.2, "m", new DateTimeOffset(2024, 3, 31, 1, 59, 59, 999, 999, TimeSpan.FromHours(2))),
            new("r", "b", new DateOnly(2024, 2, 29), int.MaxValue, double.Epsilon, "m ü", new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            new("r", "c", new DateOnly(2038, 1, 19), -1, 1.7976931348623157e308, "", PredictionRows.CreatedAt),
            new("r", "d", new DateOnly(1900, 3, 1), 3, double.NaN, "m", PredictionRows.CreatedAt),
        };

        await store.ReplaceRunAsync("r", rows, None);
        var read = await store.ReadRunAsync("r", None);

        Assert.Equal(PredictionRows.Sorted(rows), read);
        Assert.All(read, r => Assert.Equal(TimeSpan.Zero, r.CreatedAt.Offset));
        // As PostgreSQL itself sees them, so that a shift made on the way in and undone on the way out shows too.
        await using var connection = await dataSource.OpenConnectionAsync();
        var text = await connection.QuerySingleAsync<(string Day, string CreatedAt, string Distance)>("""
            SELECT day::text, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), distance::text
            FROM cluster_predictions WHERE sensor_id = 'a'
            """);
        Assert.Equal(("1999-12-31", "2024-03-30T23:59:59.999999", "0.30000000000000004"), text);
    }

    [Fact]
    public async Task A_row_that_breaks_the_primary_key_fails_as_bad_data_and_keeps_the_previous_rows()
    {
        await using var dataSource = await postgres.NewMigratedDatabaseAsync();
        var store = new PredictionStore(dataSource);
        var previous = PredictionRows.Make("run", 40);
        await store.ReplaceRunAsync("run", previous, None);
        var duplicated = PredictionRows.Make("run", 5_000, "v2");
        duplicated.Add(duplicated[17]);

        var error = await Assert.ThrowsAsync<StepException>(() => store.ReplaceRunAsync("run", duplicated, None));

        Assert.Equal(StepExitCodes.DataError, error.ExitCode);
        Assert.Contains("cluster_predictions_pkey", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal(PredictionRows.Sorted(previous), await store.ReadRunAsync("run", None));
    }

    [Fact]
    public async Task A_row_of_another_run_fails_the_load_and_keeps_the_previous_rows()
    {
        await using var dataSource = await postgres.NewMigratedDatabaseAsync();
        var store = new PredictionStore(dataSource);
        var previous = PredictionRows.Make("run", 40);
        await store.ReplaceRunAsync("run", previous, None);
        var mixed = PredictionRows.Make("run", 3_000, "v2");
        mixed[2_000] = mixed[2_000] with { RunId = "stray" };

        await Assert.ThrowsAsync<ArgumentException>(() => store.ReplaceRunAsync("run", mixed, None));

        Assert.Equal(PredictionRows.Sorted(previous), await store.ReadRunAsync("run", None));
        Assert.Equal(0, await store.CountRunAsync("stray", None));
    }

    [Fact]
    public async Task Cancelling_during_the_copy_rolls_back_and_keeps_the_previous_rows()
    {
        await using var dataSource = await postgres.NewMigratedDatabaseAsync();
        var store = new PredictionStore(dataSource);
        var previous = PredictionRows.Make("run", 40);
        await store.ReplaceRunAsync("run", previous, None);
        using var cancellation = new CancellationTokenSource();

        var load = Task.Run(() => store.ReplaceRunAsync("run", PredictionRows.Make("run", 300_000, "v2", sensors: 1_000), cancellation.Token));
        await WaitUntilCopyingAsync(dataSource, load);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load);
        Assert.Equal(PredictionRows.Sorted(previous), await store.ReadRunAsync("run", None));
    }

    [Fact]
    public async Task Two_attempts_of_one_run_at_once_leave_exactly_one_of_the_sets()
    {
        await using var dataSource = await postgres.NewMigratedDatabaseAsync();
        var store = new PredictionStore(dataSource);
        var a = PredictionRows.Make("run", 2_000, "a");
        var b = PredictionRows.Make("run", 1_500, "b");

        await Task.WhenAll(
            Task.Run(() => store.ReplaceRunAsync("run", a, None)),
            Task.Run(() => store.ReplaceRunAsync("run", b, None)));

        var stored = await store.ReadRunAsync("run", None);
        Assert.True(stored.SequenceEqual(PredictionRows.Sorted(a)) || stored.SequenceEqual(PredictionRows.Sorted(b)));
    }

    // The server's own progress report, so the cancellation lands while the COPY is under way, not before it.
    private static async Task WaitUntilCopyingAsync(NpgsqlDataSource dataSource, Task load)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        while (!load.IsCompleted)
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy") > 1_000)
            {
                return;
            }

            await Task.Delay(5);
        }

        throw new InvalidOperationException("the load ended before its COPY was seen");
    }
}
