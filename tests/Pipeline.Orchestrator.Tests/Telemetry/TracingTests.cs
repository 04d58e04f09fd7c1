using System.Net;
using System.Text;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Telemetry;

/// <summary>Runs and attempts are traced: steps get their attempt's TRACEPARENT, and spans leave over OTLP.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_step_gets_its_attempts_trace_context_as_TRACEPARENT_in_the_runs_trace()
    {
        var workflow = ShellWorkflows.Workflow("traced", [ShellWorkflows.Step("hello", "echo \"traceparent=$TRACEPARENT\"")]);
        await using var server = await ApiServer.StartAsync([workflow]);

        var runId = await server.TriggerAsync("traced");
        var detail = await server.WaitForEndAsync(runId);

        Assert.Equal("succeeded", ApiClient.RunState(detail));
        var traceId = detail["run"]!["traceId"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var log = await server.LogAsync(runId, "hello", 1);
        Assert.Matches($"^traceparent=00-{traceId}-[0-9a-f]{{16}}-01\n$", log);
    }

    [Fact]
    public async Task Run_and_attempt_spans_are_exported_over_OTLP_when_an_endpoint_is_set()
    {
        // No OpenTelemetry collector is packaged for this machine (Debian or NuGet): a loopback listener stands in
        // for one and keeps what the exporter posts to /v1/traces, OTLP/HTTP's protobuf body.
        using var collector = new HttpListener();
        var port = PostgresServer.FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new List<byte[]>();
        var receiving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    // Stopped.
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Add([.. Encoding.UTF8.GetBytes($"{context.Request.Url!.AbsolutePath} {context.Request.ContentType}\n"), .. body.ToArray()]);
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var workflow = ShellWorkflows.Workflow("exported", [ShellWorkflows.Step("hello", "true")]);
        await using (var server = await ApiServer.StartAsync([workflow], extra: new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        }))
        {
            var runId = await server.TriggerAsync("exported");
            var detail = await server.WaitForEndAsync(runId);
            Assert.Equal("succeeded", ApiClient.RunState(detail));
            var traceId = Convert.FromHexString(detail["run"]!["traceId"]!.GetValue<string>());

            var watch = System.Diagnostics.Stopwatch.StartNew();
            byte[] all;
            do
            {
                await Task.Delay(200);
                lock (received)
                {
                    all = [.. received.SelectMany(b => b)];
                }
            }
            while (!(Contains(all, "run exported"u8) && Contains(all, "step hello"u8)) && watch.Elapsed < TimeSpan.FromSeconds(20));

            var text = Encoding.UTF8.GetString(all);
            Assert.Contains("/v1/traces application/x-protobuf", text, StringComparison.Ordinal);
            Assert.True(Contains(all, "run exported"u8), $"no run span in what the collector received: {text}");
            Assert.True(Contains(all, "step hello"u8), $"no attempt span in what the collector received: {text}");
            Assert.True(Contains(all, traceId), "the spans are not in the run's trace");
        }

        collector.Stop();
        await receiving;
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
