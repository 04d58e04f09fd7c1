using System.Collections;
using System.Text.Json.Nodes;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.StepContract;

/// <summary>
/// A step joins the orchestrator's trace from TRACEPARENT and says which run, step and attempt it is in every log
/// line; the Chunker on the bundled sample stands for every step, since all of them log through the step host.
/// </summary>
[Collection(ConsoleOutput.Name)]
public sealed class StepTraceTests : IDisposable
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string ParentSpanId = "b7ad6b7169203331";

    private readonly TempFolder _temp = new();

    private string Output => _temp.Combine("chunks");

    [Fact]
    public async Task A_valid_traceparent_puts_its_trace_id_on_every_log_line_and_in_the_manifest()
    {
        var lines = await RunChunkerAsync(new Hashtable { ["TRACEPARENT"] = $"00-{TraceId}-{ParentSpanId}-01", ["TRACESTATE"] = "congo=t61rcWkgMzE" });

        var trace = ChunkerRun.Manifest(Output)["trace"]!.AsObject();
        Assert.Equal(TraceId, trace["traceId"]!.GetValue<string>());
        Assert.Equal(ParentSpanId, trace["parentSpanId"]!.GetValue<string>());
        var spanId = trace["spanId"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{16}$", spanId);
        Assert.NotEqual(ParentSpanId, spanId);

        // started, one line per input file, succeeded: all of them in the trace, as the run's span.
        Assert.True(lines.Count >= 5, $"expected at least 5 log lines, got {lines.Count}");
        Assert.All(lines, line =>
        {
            Assert.Equal(TraceId, Scope(line, "TraceId")?.GetValue<string>());
            Assert.Equal(spanId, Scope(line, "SpanId")?.GetValue<string>());
            Assert.Equal(ParentSpanId, Scope(line, "ParentId")?.GetValue<string>());
        });
    }

    [Fact]
    public async Task Run_step_and_attempt_are_on_every_log_line_and_without_traceparent_there_is_no_trace()
    {
        var lines = await RunChunkerAsync(new Hashtable { ["PIPELINE_RUN_ID"] = "run-7", ["PIPELINE_STEP_ID"] = "chunk", ["PIPELINE_ATTEMPT"] = "3" });

        Assert.True(lines.Count >= 5, $"expected at least 5 log lines, got {lines.Count}");
        Assert.All(lines, line =>
        {
            Assert.Equal("run-7", Scope(line, "RunId")?.GetValue<string>());
            Assert.Equal("chunk", Scope(line, "StepId")?.GetValue<string>());
            Assert.Equal(3, Scope(line, "Attempt")?.GetValue<int>());
            Assert.Null(Scope(line, "TraceId"));
        });
        Assert.False(ChunkerRun.Manifest(Output).ContainsKey("trace"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData($"ff-{TraceId}-{ParentSpanId}-01")]
    [InlineData($"00-00000000000000000000000000000000-{ParentSpanId}-01")]
    public async Task An_invalid_traceparent_is_one_warning_and_the_step_succeeds_without_a_trace(string traceParent)
    {
        var lines = await RunChunkerAsync(new Hashtable { ["TRACEPARENT"] = traceParent });

        var warning = Assert.Single(lines, line => line["EventId"]!.GetValue<int>() == 4);
        Assert.Equal("Warning", warning["LogLevel"]!.GetValue<string>());
        Assert.Equal(traceParent, warning["State"]!["TraceParent"]!.GetValue<string>());
        Assert.All(lines, line => Assert.Null(Scope(line, "TraceId")));
        Assert.False(ChunkerRun.Manifest(Output).ContainsKey("trace"));
    }

    public void Dispose() => _temp.Dispose();

    private async Task<IReadOnlyList<JsonObject>> RunChunkerAsync(IDictionary environment)
    {
        IReadOnlyList<JsonObject> lines;
        using (var stdout = new StdoutCapture())
        {
            Assert.Equal(0, await ChunkerRun.RunWithEnvironmentAsync(environment, "--input", SharedData.BundledSample, "--output", Output));
            lines = stdout.JsonLines();
        }

        // Only the step wrote to stdout while it ran, so "every line" below means every line of the step.
        Assert.All(lines, line => Assert.Equal("chunker", line["Category"]!.GetValue<string>()));
        return lines;
    }

    /// <summary>A value from the line's logger scopes (the JSON formatter writes each scope as an object of its pairs).</summary>
    private static JsonNode? Scope(JsonObject line, string key) =>
        line["Scopes"]!.AsArray().OfType<JsonObject>().Select(scope => scope[key]).FirstOrDefault(value => value is not null);
}
