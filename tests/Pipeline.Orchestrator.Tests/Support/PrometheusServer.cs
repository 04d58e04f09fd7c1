using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package; eng/test.sh installs it) on a loopback port, scraping one
/// target every second into a temporary folder, and its HTTP query API.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly TempFolder _folder;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, TempFolder folder, string baseUrl)
    {
        _process = process;
        _folder = folder;
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at <c>/metrics</c>, and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string target)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"Prometheus not found ({Binary}): run ./eng/test.sh, which installs it, or apt-get install -y prometheus");
        }

        var folder = new TempFolder("prometheus");
        var config = folder.Sub("prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: pipeline-server
                static_configs:
                  - targets: ["{target}"]
            """);
        var port = PostgresServer.FreePort();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={folder.Sub("data", create: true)}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            },
        };
        var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, folder, $"http://127.0.0.1:{port}");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var ready = await server._http.GetAsync(new Uri("/-/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        lock (log)
        {
            throw new InvalidOperationException($"Prometheus did not become ready on port {port}:\n{log}");
        }
    }

    /// <summary>An instant query; returns the result vector (label sets and values). Fails the test on a query error.</summary>
    public async Task<IReadOnlyList<(JsonObject Labels, double Value)>> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(promql)}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body)!;
        Assert.True(json["status"]?.GetValue<string>() == "success", $"query {promql}: {(int)response.StatusCode} {body}");
        var data = json["data"]!;
        if (data["resultType"]!.GetValue<string>() == "scalar")
        {
            return [(new JsonObject(), double.Parse(data["result"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture))];
        }

        return [.. data["result"]!.AsArray().Select(r => (
            r!["metric"]!.AsObject(),
            double.Parse(r["value"]![1]!.GetValue<string>(), CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// Waits until <paramref name="promql"/> has exactly one sample equal to <paramref name="expected"/> (to
    /// <paramref name="precision"/> decimals). Waits rather than reads once: scrapes come each second, and some gauges
    /// (active runs, queue depth) are snapshots the server refreshes every few seconds, so the latest sample can lag.
    /// </summary>
    public Task AssertValueAsync(string promql, double expected, int precision = 15) =>
        WaitUntilAsync(promql, r => r.Count == 1 && Math.Round(r[0].Value - expected, precision) == 0, $"should be {expected}");

    /// <summary>Waits until <paramref name="promql"/> returns at least one series.</summary>
    public Task AssertHasDataAsync(string promql) => WaitUntilAsync(promql, r => r.Count > 0, "should have data");

    /// <summary>Queries every half second until <paramref name="done"/>; fails after a minute with what it last saw.</summary>
    private async Task WaitUntilAsync(string promql, Func<IReadOnlyList<(JsonObject Labels, double Value)>, bool> done, string expectation)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var result = await QueryAsync(promql);
            if (done(result))
            {
                return;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                var seen = result.Count == 0 ? "no series" : string.Join(", ", result.Select(r => $"{r.Labels.ToJsonString()} = {r.Value}"));
                Assert.Fail($"Prometheus: {promql} {expectation}, is {seen}; its scrape target: {await TargetHealthAsync()}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The target's health as Prometheus saw it last (state, last error, scrape duration), for failure messages.</summary>
    private async Task<string> TargetHealthAsync()
    {
        var targets = JsonNode.Parse(await _http.GetStringAsync(new Uri("/api/v1/targets", UriKind.Relative)))!;
        return string.Join("; ", targets["data"]!["activeTargets"]!.AsArray().Select(t =>
            $"{t!["scrapeUrl"]} {t["health"]} lastError='{t["lastError"]}' lastScrapeDuration={t["lastScrapeDuration"]}s"));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }
}
