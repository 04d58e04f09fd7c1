using System.Diagnostics;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_are_served_in_Prometheus_text_format_with_the_requests_the_server_handled()
    {
        await using var server = await ApiServer.StartAsync([]);
        using (var health = await server.Http.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            health.EnsureSuccessStatusCode();
        }

        // The exporter caches a scrape for a moment and a request is counted when it ends: poll until it shows.
        var watch = Stopwatch.StartNew();
        string body;
        string? contentType;
        do
        {
            using var response = await server.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            contentType = response.Content.Headers.ContentType?.MediaType;
            body = await response.Content.ReadAsStringAsync();
            if (body.Contains("http_route=\"/healthz\"", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(200);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(15));

        Assert.Equal("text/plain", contentType);
        var healthz = body.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("http_route=\"/healthz\"", StringComparison.Ordinal)).ToList();
        Assert.True(healthz.Count == 1, $"no request count for /healthz in:\n{body}");
        Assert.Contains("http_response_status_code=\"200\"", healthz[0], StringComparison.Ordinal);
        Assert.Matches(@"\} 1( \d+)?$", healthz[0]);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", body, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// OpenTelemetry listens to meters by name across the process: without the server keeping to its own meters, a
    /// second server in the process added its runs to this one's series, and stopping it dropped the series from
    /// this one's /metrics for good (what made the gate override test fail now and then).
    /// </summary>
    [Fact]
    public async Task A_server_reports_only_its_own_runs_even_beside_another_server_that_stops()
    {
        await using var first = await ApiServer.StartAsync([Workflow("shared-name", [Step("a", "true")])]);
        var second = await ApiServer.StartAsync([Workflow("shared-name", [Step("a", "true")])]);
        await first.WaitForEndAsync(await first.TriggerAsync("shared-name"));
        await second.WaitForEndAsync(await second.TriggerAsync("shared-name"));
        await second.WaitForEndAsync(await second.TriggerAsync("shared-name"));

        Assert.EndsWith(" 1", await TriggeredAsync(first, " 1"), StringComparison.Ordinal);
        await second.DisposeAsync();
        await first.WaitForEndAsync(await first.TriggerAsync("shared-name"));

        Assert.EndsWith(" 2", await TriggeredAsync(first, " 2"), StringComparison.Ordinal);
    }

    // The line of pipeline_runs_triggered_total for the workflow, once it ends with the awaited count (or after 15 s).
    private static async Task<string> TriggeredAsync(ApiServer server, string count)
    {
        const string series = "pipeline_runs_triggered_total{";
        var line = "";
        var watch = Stopwatch.StartNew();
        while (!line.EndsWith(count, StringComparison.Ordinal) && watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            var body = await server.MetricsWithAsync(series);
            line = body.Split('\n').FirstOrDefault(l => l.StartsWith(series, StringComparison.Ordinal) && l.Contains("workflow=\"shared-name\"", StringComparison.Ordinal)) ?? "(no series)";
            await Task.Delay(200);
        }

        return line;
    }
}
