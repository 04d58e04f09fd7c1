using System.Diagnostics;
using Pipeline.Orchestrator.Tests.Support;

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
}
