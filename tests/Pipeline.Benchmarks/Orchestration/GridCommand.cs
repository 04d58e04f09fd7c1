using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Pipeline.Benchmarks.Cli;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The run grid API under a long history: seeds N runs of 10 steps (ten workflows) into PostgreSQL through the store,
/// publishes a definition for one workflow, starts the real server and times <c>GET /api/workflows/{id}/grid</c> of
/// 100 runs: the newest page, a page deep in the history (<c>before</c>) and a page forward from it (<c>after</c>).
/// Each grid request alternates with <c>GET /api/runs</c> of the same 100 runs (step counts, no cells), so the
/// figures of a machine others share come with a baseline measured under the same load.
/// </summary>
internal static class GridCommand
{
    private const int StepsPerRun = 10;
    private const string Workflow = "wf-3";

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var runCount = arguments.Int32("runs", 10) ?? 10_000;
        var requests = arguments.Int32("requests", 10) ?? 300;
        arguments.EnsureAllUsed();

        var (postgres, connectionString) = await RunHistory.StartSeededAsync(runCount, StepsPerRun, output, async database =>
        {
            var steps = string.Join(",", Enumerable.Range(0, StepsPerRun).Select(s => s == 0
                ? "{\"id\":\"s0\",\"command\":\"/bin/true\"}"
                : Invariant($"{{\"id\":\"s{s}\",\"command\":\"/bin/true\",\"dependsOn\":[\"s{s - 1}\"]}}")));
            await database.Workflows.SaveDraftAsync(Workflow, $"{{\"id\":\"{Workflow}\",\"name\":\"{Workflow}\",\"steps\":[{steps}]}}", DateTimeOffset.UnixEpoch, cancellationToken);
            await database.Workflows.PublishAsync(Workflow, DateTimeOffset.UnixEpoch, cancellationToken);
        }, cancellationToken);
        await using var _ = postgres;

        var folder = Path.Combine(Path.GetTempPath(), "bench-grid-" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await KeyedServer.StartAsync(folder, new Dictionary<string, string?> { ["Storage:Database"] = connectionString }, cancellationToken);
        var path = $"/api/workflows/{Workflow}/grid?limit=100";
        var deep = await DeepCursorAsync(server.Http, path, pages: runCount / 10 / 100 / 2, cancellationToken);
        string[] queries = [path, $"{path}&before={deep}", $"{path}&after={deep}"];
        string[] baseline = [$"/api/runs?workflow={Workflow}&limit=100", $"/api/runs?workflow={Workflow}&limit=100&before={deep}"];
        var timings = new List<double>();
        var baselineTimings = new List<double>();
        long bytes = 0;
        for (var i = 0; i < requests + 20; i++)
        {
            var (grid, gridBytes) = await TimeAsync(server.Http, queries[i % queries.Length], cancellationToken);
            var (list, _) = await TimeAsync(server.Http, baseline[i % baseline.Length], cancellationToken);
            bytes = gridBytes;
            if (i >= 20)
            {
                timings.Add(grid);
                baselineTimings.Add(list);
            }
        }

        Directory.Delete(folder, recursive: true);
        output.WriteLine();
        output.WriteLine(Invariant($"GET {path} (100 runs x {StepsPerRun} steps, {bytes / 1024} KiB) over {runCount * StepsPerRun:N0} step runs in PostgreSQL, {requests} requests: newest, deep before, deep after; {Environment.ProcessorCount} cores"));
        output.WriteLine(Invariant($"  p50 {Percentiles.Of(timings, 50):F1} ms   p95 {Percentiles.Of(timings, 95):F1} ms   p99 {Percentiles.Of(timings, 99):F1} ms"));
        output.WriteLine(Invariant($"baseline GET /api/runs?workflow={Workflow}&limit=100 (the same runs, step counts only), interleaved:"));
        output.WriteLine(Invariant($"  p50 {Percentiles.Of(baselineTimings, 50):F1} ms   p95 {Percentiles.Of(baselineTimings, 95):F1} ms   p99 {Percentiles.Of(baselineTimings, 99):F1} ms"));
        return ExitCodes.Success;
    }

    private static async Task<(double Ms, int Bytes)> TimeAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        var bytes = (await response.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
        response.EnsureSuccessStatusCode();
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, bytes);
    }

    // Follows `older` some pages back, so two query kinds measure keyset paging far from the newest runs.
    private static async Task<string> DeepCursorAsync(HttpClient http, string path, int pages, CancellationToken cancellationToken)
    {
        string? older = null;
        for (var i = 0; i < Math.Max(pages, 1); i++)
        {
            var page = await http.GetFromJsonAsync<GridProbe>(older is null ? path : $"{path}&before={older}", cancellationToken);
            older = page?.Older ?? older;
        }

        return older ?? throw new InvalidOperationException("the grid had one page only: seed more runs");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record GridProbe(string? Older);
}
