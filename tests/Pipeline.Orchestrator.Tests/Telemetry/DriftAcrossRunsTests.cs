using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Telemetry;

/// <summary>
/// A step's state outlives its run: the server gives each workflow's step one state folder, so the FeatureCreator's
/// feature history grows run after run and drift is measured against the runs before, in the manifest and on
/// <c>/metrics</c>. Before, every run started with an empty history (its state lay in the run's own folder).
/// </summary>
[Collection(PrometheusScrapeTests.Alone)]
public sealed class DriftAcrossRunsTests
{
    private const string Workflow = "sensor-training";

    [Fact]
    public async Task The_second_run_measures_drift_against_the_first()
    {
        await using var server = await ApiServer.StartAsync([ShippedWorkflows.Read(Workflow)]);
        var inputs = new Dictionary<string, string> { ["source"] = SharedData.BundledSample, ["registry"] = server.Scratch + "/registry" };

        var first = await RunAsync(server, inputs);
        var second = await RunAsync(server, inputs);

        var state = Path.Combine(server.DataRoot, "state", Workflow, "features");
        Assert.True(Directory.EnumerateFiles(state).Any(), $"no feature history in {state}");
        var firstDrift = Drift(server, first);
        var secondDrift = Drift(server, second);
        Assert.NotEmpty(secondDrift);
        Assert.All(firstDrift, d => Assert.Equal(0, d.Value!["baselineRuns"]!.GetValue<int>()));
        Assert.All(secondDrift, d => Assert.Equal(1, d.Value!["baselineRuns"]!.GetValue<int>()));
        // The same data twice: its mean is the baseline's, so a z-score of 0 and no drift.
        var temperature = secondDrift["TEMP_mean"]!;
        Assert.Equal(0, temperature["zScore"]!.GetValue<double>(), 9);
        Assert.False(temperature["drifted"]!.GetValue<bool>());

        var metrics = await server.MetricsWithAsync("pipeline_feature_drift_zscore{");
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("pipeline_feature_drift_zscore{", StringComparison.Ordinal)
            && l.Contains("feature=\"TEMP_mean\"", StringComparison.Ordinal) && l.Contains($"step=\"features\"", StringComparison.Ordinal));
    }

    private static async Task<string> RunAsync(ApiServer server, Dictionary<string, string> inputs)
    {
        var runId = await server.TriggerAsync(Workflow, inputs);
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());
        return runId;
    }

    private static JsonObject Drift(ApiServer server, string runId) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(server.DataRoot, "runs", runId, "features", "_manifest.json")))!["metrics"]!["drift"]!.AsObject();
}
