using System.Data;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Npgsql;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Ingest;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Testing;

namespace Pipeline.Benchmarks.PgLoad;

/// <summary>
/// <c>pg-load --rows N [--repeat K] [--insert-batch 1000]</c>: loads N predictions into a throwaway PostgreSQL
/// through <see cref="PredictionStore.ReplaceRunAsync"/> (binary COPY), and through Dapper multi-row INSERTs for
/// comparison, and prints the median rows/s of each.
/// </summary>
internal static class PgLoadCommand
{
    private const string RunId = "bench-run";

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
        await PostgresSchema.ForClusterPredict(dataSource).MigrateAsync(cancellationToken);
        var store = new PredictionStore(dataSource);
        var insert = new InsertBaseline(dataSource, batch);
        var data = SyntheticPredictions.Make(RunId, rows);

        // Both paths once on a little data first, so that JIT and the first connection are not timed.
        var warmUp = SyntheticPredictions.Make("warm-up", 10_000);
        await store.ReplaceRunAsync("warm-up", warmUp, cancellationToken);
        await insert.ReplaceRunAsync("warm-up", warmUp, cancellationToken);

        // The step's rows may come in any order; the store sorts them into key order first (see PredictionOrder).
        var bySensor = data.OrderBy(r => r.SensorId, StringComparer.Ordinal).ThenBy(r => r.Day).ToArray();
        PgLoadCase[] cases =
        [
            new("COPY, new run", true, new(0, rows), t => store.ReplaceRunAsync(RunId, data, t)),
            new("COPY, replacing the run", false, new(rows, rows), t => store.ReplaceRunAsync(RunId, data, t)),
            new("COPY, new run, rows sorted first", true, new(0, rows), t => store.ReplaceRunAsync(RunId, bySensor, t)),
            new(Invariant($"Dapper INSERT, {batch} rows a statement"), true, new(0, rows), async t => new(0, await insert.ReplaceRunAsync(RunId, data, t))),
        ];
        for (var round = 1; round <= repeat; round++)
        {
            output.Write(Invariant($"round {round}/{repeat}:"));
            foreach (var load in cases)
            {
                if (load.FromEmptyTable)
                {
                    await ResetAsync(dataSource, cancellationToken);
                }

                var started = Stopwatch.GetTimestamp();
                var done = await load.Load(cancellationToken);
                load.Seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
                Expect(load, done);
                output.Write(Invariant($" {load.Seconds[^1]:F2} s"));
            }

            output.WriteLine();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SHOW server_version", cancellationToken: cancellationToken));
        PgLoadTable.Write(output, rows, repeat, version ?? "?", cases);
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

    private static void Expect(PgLoadCase load, ReplaceRunResult done)
    {
        if (done != load.Expected)
        {
            throw new SideFailedException($"{load.Label}: the load did {done}, expected {load.Expected}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
