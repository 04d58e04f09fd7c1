using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Dapper;
using Npgsql;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Ingest;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Benchmarks.PgLoad;

/// <summary>
/// <c>pg-load --rows N [--repeat K] [--insert-batch 1000]</c>: loads N predictions into a throwaway PostgreSQL
/// through <see cref="PredictionStore.ReplaceRunAsync"/> (binary COPY), and through Dapper multi-row INSERTs for
/// comparison, and prints the median rows/s of each.
/// </summary>
internal static class PgLoadCommand
{
    private const string RunId = "bench-run";
    private const double TargetRowsPerSecond = 200_000;

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = arguments.Int32("rows", 1) ?? throw new UsageException("--rows is required");
        var repeat = arguments.Int32("repeat", 1) ?? 1;
        var batch = arguments.Int32("insert-batch", 1) ?? 1_000;
        arguments.EnsureAllUsed();
        if (batch > 9_000)
        {
            throw new UsageException("--insert-batch must be at most 9000: a statement takes at most 65,535 parameters, 7 per row");
        }

        output.WriteLine("starting a throwaway PostgreSQL server (fsync on) ...");
        await using var server = await StartServerAsync(cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(cancellationToken));
        await SchemaMigrator.ForClusterPredict(dataSource).MigrateAsync(cancellationToken);
        var store = new PredictionStore(dataSource);
        var insert = new InsertBaseline(dataSource, batch);
        var data = SyntheticPredictions.Make(RunId, rows);

        // Both paths once on a little data first, so that JIT and the first connection are not timed.
        var warmUp = SyntheticPredictions.Make("warm-up", 10_000);
        await store.ReplaceRunAsync("warm-up", warmUp, cancellationToken);
        await insert.ReplaceRunAsync("warm-up", warmUp, cancellationToken);

        List<double> copy = [], replace = [], inserts = [];
        for (var round = 1; round <= repeat; round++)
        {
            await ResetAsync(dataSource, cancellationToken);
            copy.Add(await TimeAsync(async () => Expect(await store.ReplaceRunAsync(RunId, data, cancellationToken), new(0, rows))));
            replace.Add(await TimeAsync(async () => Expect(await store.ReplaceRunAsync(RunId, data, cancellationToken), new(rows, rows))));
            await ResetAsync(dataSource, cancellationToken);
            inserts.Add(await TimeAsync(async () => Expect(new(0, await insert.ReplaceRunAsync(RunId, data, cancellationToken)), new(0, rows))));
            output.WriteLine(Invariant($"round {round}/{repeat}: COPY {copy[^1]:F2} s, COPY replacing the run {replace[^1]:F2} s, INSERT {inserts[^1]:F2} s"));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SHOW server_version", cancellationToken: cancellationToken));
        var (copySeconds, replaceSeconds, insertSeconds) = (SideMedian.Median(copy), SideMedian.Median(replace), SideMedian.Median(inserts));
        var rounds = repeat == 1 ? "1 round" : $"median of {repeat} rounds";
        output.WriteLine();
        output.WriteLine(Invariant($"PostgreSQL load: {rows:N0} rows, {rounds}, PostgreSQL {version} (fsync on), {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}"));
        output.WriteLine();
        Row(output, "", "seconds", "rows/s");
        Row(output, "COPY, new run", Invariant($"{copySeconds:F2}"), Invariant($"{rows / copySeconds:N0}"));
        Row(output, "COPY, replacing the run", Invariant($"{replaceSeconds:F2}"), Invariant($"{rows / replaceSeconds:N0}"));
        Row(output, Invariant($"Dapper INSERT, {batch} rows each"), Invariant($"{insertSeconds:F2}"), Invariant($"{rows / insertSeconds:N0}"));
        output.WriteLine();
        var verdict = rows / copySeconds >= TargetRowsPerSecond ? "meets" : "misses";
        output.WriteLine(Invariant($"COPY is {insertSeconds / copySeconds:F1}x the INSERT rate; it {verdict} the target of {TargetRowsPerSecond:N0} rows/s"));
        return ExitCodes.Success;
    }

    private static async Task<PostgresServer> StartServerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await PostgresServer.StartAsync(durable: true, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            // Missing server programs, or initdb / pg_ctl failing: their own message says what to do.
            throw new SideFailedException(e.Message);
        }
    }

    // Each timed load starts from an empty table with no checkpoint pending, so rounds do not pay for each other.
    private static async Task ResetAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("TRUNCATE cluster_predictions", cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("CHECKPOINT", commandType: CommandType.Text, cancellationToken: cancellationToken));
    }

    private static async Task<double> TimeAsync(Func<Task> load)
    {
        var started = Stopwatch.GetTimestamp();
        await load();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static void Expect(ReplaceRunResult actual, ReplaceRunResult expected)
    {
        if (actual != expected)
        {
            throw new SideFailedException($"the load did {actual}, expected {expected}");
        }
    }

    private static void Row(TextWriter output, string label, string seconds, string rate) =>
        output.WriteLine($"  {label,-32}{seconds,10}{rate,14}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
