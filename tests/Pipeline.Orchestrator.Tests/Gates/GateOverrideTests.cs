using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Gates;

/// <summary>
/// A step whose gate fails (exit 79, as the FeatureCreator's --drift-gate) blocks its downstream without being
/// retried, is counted on /metrics, and goes on only once an editor overrides it with a reason, which the step's
/// next attempt receives as PIPELINE_GATE_OVERRIDE and the run keeps.
/// </summary>
public sealed class GateOverrideTests
{
    // Exits 79 unless the server passed an override; then writes the override where the test can read it.
    private const string Gate = """
        if [ -z "$PIPELINE_GATE_OVERRIDE" ]; then echo "error: drift gate: 2 feature(s) drifted" >&2; exit 79; fi
        printf '%s' "$PIPELINE_GATE_OVERRIDE" > "$PIPELINE_OUTPUT/override.txt"
        """;

    [Fact]
    public async Task A_blocked_step_waits_for_an_editors_override_and_then_the_run_goes_on()
    {
        await using var server = await ApiServer.StartAsync([Workflow("gated", [
            Step("features", Gate, extra: new JsonObject { ["retry"] = new JsonObject { ["retries"] = 2, ["initialDelaySeconds"] = 0.1 } }),
            Step("train", "echo trained", dependsOn: ["features"])])]);
        var admin = server.As(TestAuth.AdminKey);
        var operatorKey = await TestAccounts.UserWithKeyAsync(admin, "olga", "operator");
        var editorKey = await TestAccounts.UserWithKeyAsync(admin, "ed", "editor");

        var runId = await server.TriggerAsync("gated");
        var blocked = await server.WaitForEndAsync(runId);

        Assert.Equal("failed", ApiClient.RunState(blocked));
        Assert.Equal(["failed"], ApiClient.Attempts(blocked, "features"));
        Assert.True(ApiClient.Step(blocked, "features")["blockedByGate"]!.GetValue<bool>());
        Assert.Equal("upstream-failed", ApiClient.StepState(blocked, "train"));
        Assert.Contains("pipeline_gate_blocked_total{", await server.MetricsWithAsync("pipeline_gate_blocked_total{"), StringComparison.Ordinal);

        var path = $"/api/runs/{runId}/steps/features/override-gate";
        Assert.Equal(403, (await server.As(operatorKey).PostAsync(path, new JsonObject { ["reason"] = "looks fine" })).Status);
        using var editor = server.As(editorKey);
        Assert.Equal(422, (await editor.PostAsync(path, new JsonObject { ["reason"] = "  " })).Status);
        Assert.Equal(409, (await editor.PostAsync($"/api/runs/{runId}/steps/train/override-gate", new JsonObject { ["reason"] = "x" })).Status);

        var (status, _) = await editor.PostAsync(path, new JsonObject { ["reason"] = "the sensors were recalibrated" });

        Assert.Equal(200, status);
        var done = await server.WaitForEndAsync(runId);
        Assert.Equal("succeeded", ApiClient.RunState(done));
        Assert.Equal(["failed", "succeeded"], ApiClient.Attempts(done, "features"));
        Assert.Equal(["succeeded"], ApiClient.Attempts(done, "train"));
        Assert.Equal("ed: the sensors were recalibrated", ApiClient.Step(done, "features")["gateOverride"]!.GetValue<string>());
        var folder = ApiClient.Step(done, "features")["outputFolder"]!.GetValue<string>();
        Assert.Equal("ed: the sensors were recalibrated", await File.ReadAllTextAsync(Path.Combine(folder, "override.txt")));
        Assert.Contains("pipeline_gate_overridden_total{", await server.MetricsWithAsync("pipeline_gate_overridden_total{"), StringComparison.Ordinal);

        // Nothing is blocked any more: a second override is refused.
        Assert.Equal(409, (await editor.PostAsync(path, new JsonObject { ["reason"] = "again" })).Status);
    }
}
