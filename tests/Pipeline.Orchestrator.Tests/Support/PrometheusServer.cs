using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Steps.Tests.Support;

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

    /// <summary>Queries until the result is not empty (scrapes come each second); fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<(JsonObject Labels, double Value)>> WaitForAsync(string promql, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var result = await QueryAsync(promql);
            if (result.Count > 0)
            {
                return result;
            }

            Assert.True(watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(60)), $"Prometheus has no series for {promql}");
            await Task.Delay(500);
        }
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
