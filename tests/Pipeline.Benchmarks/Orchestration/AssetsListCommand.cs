using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Pipeline.Benchmarks.Cli;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Persistence;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The partitions API of one asset with a long history, on SQLite and on PostgreSQL: records N day partitions
/// through the catalog store (as steps' manifests are recorded), marks a few failed, starts the real server (engine
/// off) and times <c>GET /api/assets/{asset}/partitions</c>: the first page, a state filter, a month's range, a deep
/// keyset page, a page of 1000, and the asset list. Reports p50/p95/p99 per engine against the 100 ms p95 target.
/// </summary>
internal static class AssetsListCommand
{
    private const double TargetP95Ms = 100;
    internal const string Asset = "readings";
    private const int Batch = 2000;

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var partitions = arguments.Int32("partitions", 1) ?? 100_000;
        var requests = arguments.Int32("requests", 10) ?? 600;
        var engines = EngineServers.Parse(arguments);
        var workDir = Path.GetFullPath(arguments.String("work-dir") ?? ".work/bench/assets-list");
        arguments.EnsureAllUsed();

        await EngineServers.ForEachAsync(engines, workDir, async engineServer =>
        {
            var (engine, connectionString, server) = (engineServer.Engine, engineServer.ConnectionString, engineServer.Server);
            var seeding = Stopwatch.StartNew();
            await using (var database = OrchestratorStorage.Open(connectionString, engineServer.SqliteFile))
            {
                await SeedAsync(database.Assets, partitions, cancellationToken);
            }

            output.WriteLine(Invariant($"{engine}: recorded {partitions:N0} partitions of '{Asset}' in {seeding.Elapsed.TotalSeconds:F1} s"));
            var keys = Keys(partitions);
            var deep = keys[partitions / 2];
            string[] queries =
            [
                $"/api/assets/{Asset}/partitions",
                $"/api/assets/{Asset}/partitions?state=failed",
                $"/api/assets/{Asset}/partitions?state=materialized&after={deep}",
                $"/api/assets/{Asset}/partitions?from={keys[partitions / 3]}&to={keys[partitions / 3 + 30]}",
                $"/api/assets/{Asset}/partitions?after={deep}",
                $"/api/assets/{Asset}/partitions?limit=1000&after={keys[partitions / 4]}",
                "/api/assets",
            ];
            var timings = queries.ToDictionary(q => q, _ => new List<double>());
            for (var i = 0; i < requests + (2 * queries.Length); i++)
            {
                var query = queries[i % queries.Length];
                var started = Stopwatch.GetTimestamp();
                using var response = await server.Http.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                response.EnsureSuccessStatusCode();
                if (i >= 2 * queries.Length)
                {
                    timings[query].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            var first = await server.Http.GetFromJsonAsync<PageProbe>(new Uri(queries[0], UriKind.Relative), cancellationToken);
            var all = timings.Values.SelectMany(t => t).ToList();
            output.WriteLine(Invariant($"GET partitions of one asset with {partitions:N0} partitions on {engine}, {requests} requests across {queries.Length} query kinds, {Environment.ProcessorCount} cores"));
            output.WriteLine(Invariant($"  p50 {Percentiles.Of(all, 50):F1} ms   p95 {Percentiles.Of(all, 95):F1} ms   p99 {Percentiles.Of(all, 99):F1} ms   (target p95 < {TargetP95Ms} ms); first page had {first?.Partitions.Count ?? 0}, newest {first?.Partitions.FirstOrDefault().GetProperty("key")}"));
            foreach (var (query, values) in timings)
            {
                output.WriteLine(Invariant($"    p50 {Percentiles.Of(values, 50),6:F1} ms  p95 {Percentiles.Of(values, 95),6:F1} ms  {query}"));
            }
        }, cancellationToken);

        return ExitCodes.Success;
    }

    /// <summary>Days from 1800-01-01 on, one a partition: 100,000 of them reach into the 2070s.</summary>
    internal static List<string> Keys(int count) =>
        [.. Enumerable.Range(0, count).Select(d => new DateOnly(1800, 1, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];

    internal static async Task SeedAsync(IAssetStore store, int count, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        await store.EnsureAssetAsync(new AssetRecord(Asset, AssetRecord.ByDay, "UTC", now, "/data/assets/" + Asset), cancellationToken);
        var keys = Keys(count);
        foreach (var batch in keys.Chunk(Batch))
        {
            await store.RecordAsync([.. batch.Select(key => new NewMaterialization
            {
                Asset = Asset,
                PartitionKey = key,
                RunId = "run-seed",
                StepId = "chunk",
                Attempt = 1,
                ProgramVersion = "1.0.0",
                Rows = 288_000,
                ContentSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))),
                InputFiles = [new FileInput("/data/in/" + key + ".csv", "00")],
            })], now, cancellationToken);
        }

        // A few failed days scattered over the history: the state filter must find them without reading the rest.
        for (var i = 0; i < count; i += Math.Max(1, count / 50))
        {
            await store.MarkAsync(new PartitionRef(Asset, keys[i]), PartitionStates.Failed, "exit 65", now, cancellationToken);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record PageProbe(List<System.Text.Json.JsonElement> Partitions, string? Next);
}
