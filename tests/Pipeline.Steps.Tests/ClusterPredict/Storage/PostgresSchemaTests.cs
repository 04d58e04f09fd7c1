using Dapper;
using Npgsql;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.ClusterPredict.Storage;

[Collection(SharedPostgres.Name)]
public sealed class PostgresSchemaTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Migrating_creates_the_table_and_records_version_1_once()
    {
        await using var dataSource = await postgres.NewDatabaseAsync();

        var first = await PostgresSchema.ForClusterPredict(dataSource).MigrateAsync(None);
        var second = await PostgresSchema.ForClusterPredict(dataSource).MigrateAsync(None);

        var applied = Assert.Single(first);
        Assert.Equal((1, "cluster_predictions"), (applied.Version, applied.Name));
        Assert.Matches("^[0-9a-f]{64}$", applied.Checksum);
        Assert.Empty(second);
        await using var connection = await dataSource.OpenConnectionAsync();
        var recorded = await connection.QueryAsync<(int, string, string)>("SELECT version, name, checksum FROM cluster_predict_schema_version");
        Assert.Equal([(1, "cluster_predictions", applied.Checksum)], recorded);
        var columns = await connection.QueryAsync<(string, string)>("""
            SELECT column_name::text, data_type::text FROM information_schema.columns
            WHERE table_name = 'cluster_predictions' ORDER BY ordinal_position
            """);
        Assert.Equal(
            [("run_id", "text"), ("sensor_id", "text"), ("day", "date"), ("cluster", "integer"), ("distance", "double precision"),
             ("model_version", "text"), ("created_at", "timestamp with time zone")],
            columns);
    }

    [Fact]
    public async Task Scripts_apply_in_order_into_their_own_version_table()
    {
        await using var dataSource = await postgres.NewDatabaseAsync();

        var applied = await Ordered(dataSource).MigrateAsync(None);
        var clusterPredict = await PostgresSchema.ForClusterPredict(dataSource).MigrateAsync(None);

        Assert.Equal([1, 2], applied.Select(a => a.Version));
        Assert.Single(clusterPredict);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(["red", "red"], await connection.QueryAsync<string>("SELECT colour FROM widgets ORDER BY id"));
        Assert.Equal([1, 2], await connection.QueryAsync<int>("SELECT version FROM widget_schema_version ORDER BY version"));
    }

    [Fact]
    public async Task Migrators_racing_on_one_database_apply_each_script_once()
    {
        await using var dataSource = await postgres.NewDatabaseAsync();
        // One data source each, so each has its own connections, as separate processes would.
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(dataSource.ConnectionString)).ToList();
        try
        {
            var results = await Task.WhenAll(sources.Select(s => Task.Run(() => Ordered(s).MigrateAsync(None))));

            Assert.Single(results, r => r.Count == 2);
            Assert.Equal(3, results.Count(r => r.Count == 0));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_changed_script_is_refused_before_anything_is_applied()
    {
        await using var dataSource = await postgres.NewDatabaseAsync();
        await Ordered(dataSource).MigrateAsync(None);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // As if 0001 had been edited after it was applied, and 0002 were new.
            await connection.ExecuteAsync("UPDATE widget_schema_version SET checksum = 'edited' WHERE version = 1");
            await connection.ExecuteAsync("DELETE FROM widget_schema_version WHERE version = 2; ALTER TABLE widgets DROP COLUMN colour");
        }

        var error = await Assert.ThrowsAsync<StepException>(() => Ordered(dataSource).MigrateAsync(None));

        Assert.Equal(StepExitCodes.Configuration, error.ExitCode);
        Assert.True(StepExitCodes.IsPermanent(error.ExitCode));
        Assert.Contains("0001_widgets.sql", error.Message, StringComparison.Ordinal);
        await using var check = await dataSource.OpenConnectionAsync();
        Assert.Equal([1], await check.QueryAsync<int>("SELECT version FROM widget_schema_version"));
    }

    [Fact]
    public async Task A_failing_script_is_rolled_back_whole_and_refused()
    {
        await using var dataSource = await postgres.NewDatabaseAsync();
        var migrator = new PostgresSchema(dataSource, typeof(PostgresSchemaTests).Assembly, "TestMigrations.Broken.", "gadget_schema_version");

        var error = await Assert.ThrowsAsync<StepException>(() => migrator.MigrateAsync(None));

        Assert.Equal(StepExitCodes.Configuration, error.ExitCode);
        Assert.Contains("0002_half_broken.sql", error.Message, StringComparison.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal([1], await connection.QueryAsync<int>("SELECT version FROM gadget_schema_version"));
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('gizmos')::text"));
        Assert.NotNull(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('gadgets')::text"));
    }

    private static PostgresSchema Ordered(NpgsqlDataSource dataSource) =>
        new(dataSource, typeof(PostgresSchemaTests).Assembly, "TestMigrations.Ordered.", "widget_schema_version");
}
