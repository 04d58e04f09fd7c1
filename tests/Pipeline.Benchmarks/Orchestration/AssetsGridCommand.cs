using System.Diagnostics;
using System.Globalization;
using Pipeline.Benchmarks.Cli;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Persistence;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The grid API the Assets page draws its calendar from, on SQLite and on PostgreSQL: records N day partitions of one
/// asset through the catalog store (as <c>assets-list</c> does), turns every 50th day stale so the answer has
/// thousands of runs rather than a handful, starts the real server (engine off) and times
/// <c>GET /api/assets/{asset}/grid</c> whole, a tenth of the range, and a year. Reports p50/p95/p99 and the answer's
/// size against the 100 ms p95 target.
/// </summary>
internal static class AssetsGridCommand
{
    private const double TargetP95Ms = 100;
    private const int StaleEvery = 50;

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var partitions = arguments.Int32("partitions", 1) ?? 100_000;
        var requests = arguments.Int32("requests", 10) ?? 300;
        var engines = EngineServers.Parse(arguments);
        var workDir = Path.GetFullPath(arguments.String("work-dir") ?? ".work/bench/assets-grid");
        arguments.EnsureAllUsed();

        await EngineServers.ForEachAsync(engines, workDir, async engineServer =>
        {
            var (engine, connectionString, server) = (engineServer.Engine, engineServer.ConnectionString, engineServer.Server);
            var seeding = Stopwatch.StartNew();
            var keys = AssetsListCommand.Keys(partitions);
            var storeReads = new List<double>();
            await using (var database = OrchestratorStorage.Open(connectionString, engineServer.SqliteFile))
            {
                await AssetsListCommand.SeedAsync(database.Assets, partitions, cancellationToken);
                for (var i = StaleEvery / 2; i < partitions; i += StaleEvery)
                {
                    await database.Assets.MarkAsync(new PartitionRef(AssetsListCommand.Asset, keys[i]), PartitionStates.Stale, "bench", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), cancellationToken);
                }

                output.WriteLine(Invariant($"{engine}: recorded {partitions:N0} partitions of '{AssetsListCommand.Asset}' in {seeding.Elapsed.TotalSeconds:F1} s"));
                // The store's read alone, in this process: what of a request's time is the database's.
                for (var i = 0; i < 25; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await database.Assets.StatesAsync(AssetsListCommand.Asset, null, null, cancellationToken);
                    if (i >= 5)
                    {
                        storeReads.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }

            var asset = AssetsListCommand.Asset;
            string[] queries =
            [
                $"/api/assets/{asset}/grid",
                $"/api/assets/{asset}/grid?from={keys[partitions / 3]}&to={keys[partitions / 3 + (partitions / 10)]}",
                $"/api/assets/{asset}/grid?from={keys[partitions / 2]}&to={keys[Math.Min(partitions - 1, (partitions / 2) + 365)]}",
            ];
            var timings = queries.ToDictionary(q => q, _ => new List<double>());
            var sizes = new Dictionary<string, int>();
            for (var i = 0; i < requests + (2 * queries.Length); i++)
            {
                var query = queries[i % queries.Length];
                var started = Stopwatch.GetTimestamp();
                using var response = await server.Http.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.EnsureSuccessStatusCode();
                sizes[query] = body.Length;
                if (i >= 2 * queries.Length)
                {
                    timings[query].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            var all = timings.Values.SelectMany(t => t).ToList();
            output.WriteLine(Invariant($"GET grid of one asset with {partitions:N0} partitions ({partitions / StaleEvery:N0} stale) on {engine}, {requests} requests across {queries.Length} ranges, {Environment.ProcessorCount} cores"));
            output.WriteLine(Invariant($"  p50 {Percentiles.Of(all, 50):F1} ms   p95 {Percentiles.Of(all, 95):F1} ms   p99 {Percentiles.Of(all, 99):F1} ms   (target p95 < {TargetP95Ms} ms)"));
            output.WriteLine(Invariant($"  the store's read of all {partitions:N0} alone: p50 {Percentiles.Of(storeReads, 50):F1} ms, p95 {Percentiles.Of(storeReads, 95):F1} ms"));
            foreach (var (query, values) in timings)
            {
                output.WriteLine(Invariant($"    p50 {Percentiles.Of(values, 50),6:F1} ms  p95 {Percentiles.Of(values, 95),6:F1} ms  {sizes[query] / 1024.0,7:F1} KiB  {query}"));
            }
        }, cancellationToken);

        return ExitCodes.Success;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
