using System.Diagnostics;
using System.Globalization;
using Pipeline.Benchmarks.Cli;
using System.Net.Http.Json;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The runs list API under a long history: seeds N runs of 4 steps each into PostgreSQL through the store, starts
/// the real server (Kestrel on loopback, engine off, with the admin's API key) and times <c>GET /api/runs</c> pages: first page, filtered by
/// workflow, by state, and deep keyset pages. Reports p50/p95/p99 against the 100 ms p95 target.
/// </summary>
internal static class RunsListCommand
{
    private const int StepsPerRun = 4;
    private const double TargetP95Ms = 100;

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var runCount = arguments.Int32("runs", 1) ?? 25_000;
        var requests = arguments.Int32("requests", 10) ?? 400;
        arguments.EnsureAllUsed();

        var (postgres, connectionString) = await RunHistory.StartSeededAsync(runCount, StepsPerRun, output, null, cancellationToken);
        await using var _ = postgres;
        var folder = Path.Combine(Path.GetTempPath(), "bench-runs-list-" + Guid.NewGuid().ToString("N")[..8]);
        await using var server = await KeyedServer.StartAsync(folder, new Dictionary<string, string?> { ["Storage:Database"] = connectionString }, cancellationToken);
        var http = server.Http;

        var firstPage = await http.GetFromJsonAsync<PageProbe>("/api/runs?limit=50", cancellationToken);
        var deepBefore = await DeepCursorAsync(http, pages: 100, cancellationToken);
        string[] queries = ["/api/runs?limit=50", "/api/runs?limit=50&workflow=wf-3", "/api/runs?limit=50&state=failed", $"/api/runs?limit=50&before={deepBefore}"];
        var timings = new List<double>();
        for (var i = 0; i < requests + 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(queries[i % queries.Length], cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            response.EnsureSuccessStatusCode();
            if (i >= 20)
            {
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Directory.Delete(folder, recursive: true);
        output.WriteLine();
        output.WriteLine(Invariant($"GET /api/runs (50 a page) over {runCount * StepsPerRun:N0} step runs in PostgreSQL, {requests} requests across {queries.Length} query kinds, {Environment.ProcessorCount} cores"));
        output.WriteLine(Invariant($"  p50 {Percentiles.Of(timings, 50):F1} ms   p95 {Percentiles.Of(timings, 95):F1} ms   p99 {Percentiles.Of(timings, 99):F1} ms   (target p95 < {TargetP95Ms} ms); first page had {firstPage?.Runs.Count ?? 0} runs"));
        return ExitCodes.Success;
    }

    // Follows Next a hundred pages deep, so one query kind measures keyset paging far from the newest runs.
    private static async Task<string> DeepCursorAsync(HttpClient http, int pages, CancellationToken cancellationToken)
    {
        string? next = null;
        for (var i = 0; i < pages; i++)
        {
            var page = await http.GetFromJsonAsync<PageProbe>(next is null ? "/api/runs?limit=50" : $"/api/runs?limit=50&before={next}", cancellationToken);
            next = page?.Next ?? next;
        }

        return next ?? string.Empty;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record PageProbe(List<System.Text.Json.JsonElement> Runs, string? Next);
}
