using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>A fix published as a new version reaches a failed run: retry, re-run from failure and re-run on the latest version.</summary>
public sealed class RerunOnLatestApiTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task Retrying_a_step_on_the_latest_version_runs_the_fixed_step_and_keeps_the_upstream_output()
    {
        var id = await PublishAsync("fix-step", Broken("fix-step"));
        var runId = await Server.TriggerAsync(id);
        Assert.Equal("failed", ApiServer.RunState(await Server.WaitForEndAsync(runId)));
        await PublishAsync(id, Fixed(id, new JsonObject[] { Step("report", "echo report", ["middle"]) }));

        // The run's own version stays the default: the same broken step fails the same way.
        var (onRun, _) = await Server.PostAsync($"/api/runs/{runId}/steps/middle/retry");
        Assert.Equal(200, onRun);
        var again = await Server.WaitForAsync(runId, d => ApiServer.RunState(d) == "failed" && ApiServer.Attempts(d, "middle").Count == 2);
        Assert.Equal(1, again["run"]!["workflowVersion"]!.GetValue<int>());

        var (onLatest, view) = await Server.PostAsync($"/api/runs/{runId}/steps/middle/retry", new JsonObject { ["version"] = "latest" });
        Assert.Equal(200, onLatest);
        Assert.Equal(2, view!["workflowVersion"]!.GetValue<int>());
        var fixedRun = await Server.WaitForEndAsync(runId);

        Assert.Equal("succeeded", ApiServer.RunState(fixedRun));
        Assert.Equal(["succeeded"], ApiServer.Attempts(fixedRun, "first"));
        Assert.Equal(["failed", "failed", "succeeded"], ApiServer.Attempts(fixedRun, "middle"));
        Assert.Equal([1, 1, 2], Versions(fixedRun, "middle"));
        Assert.Equal([1], Versions(fixedRun, "first"));
        Assert.Equal(["succeeded"], ApiServer.Attempts(fixedRun, "report"));
        Assert.Equal((1, 2), (StepVersion(fixedRun, "first"), StepVersion(fixedRun, "middle")));
        Assert.Equal("fixed\n", await Server.LogAsync(runId, "middle", 3));
        // The kept step's output is the one the first attempt wrote: the fixed step read it.
        Assert.Equal("read: first\n", await Server.LogAsync(runId, "last", 1));
    }

    [Fact]
    public async Task Re_running_from_failure_on_the_latest_version_refuses_a_changed_upstream_and_re_run_all_runs_it()
    {
        var id = await PublishAsync("fix-upstream", Broken("fix-upstream"));
        var runId = await Server.TriggerAsync(id, new() { ["who"] = "ana" });
        var failed = await Server.WaitForEndAsync(runId);
        var changed = Fixed(id);
        changed["steps"]![0]!["args"]![1] = "echo first, changed > \"$1/out.txt\"";
        await PublishAsync(id, changed);

        var (refused, problem) = await Server.PostAsync($"/api/runs/{runId}/retry-failed", new JsonObject { ["version"] = "latest" });
        Assert.Equal(409, refused);
        var detail = problem!["detail"]!.GetValue<string>();
        Assert.Contains("step 'first' changed from version 1 to 2 (args)", detail, StringComparison.Ordinal);
        Assert.Contains("re-run all on the latest version (v2)", detail, StringComparison.Ordinal);
        Assert.Equal((1, "failed"), ((await Server.RunAsync(runId))["run"]!["workflowVersion"]!.GetValue<int>(), ApiServer.RunState(await Server.RunAsync(runId))));

        var (bad, _) = await Server.PostAsync($"/api/runs/{runId}/rerun", new JsonObject { ["version"] = "newest" });
        Assert.Equal(400, bad);
        var (created, rerun) = await Server.PostAsync($"/api/runs/{runId}/rerun", new JsonObject { ["version"] = "latest" });
        Assert.Equal(201, created);
        Assert.Equal((2, "rerun", "ana"), (rerun!["workflowVersion"]!.GetValue<int>(), rerun["triggeredBy"]!.GetValue<string>(), rerun["inputs"]!["who"]!.GetValue<string>()));
        Assert.Equal(failed["run"]!["logicalDate"]!.GetValue<DateTimeOffset>(), rerun["logicalDate"]!.GetValue<DateTimeOffset>());
        var done = await Server.WaitForEndAsync(rerun["id"]!.GetValue<string>());
        Assert.Equal("succeeded", ApiServer.RunState(done));
    }

    [Fact]
    public async Task Re_running_from_failure_on_the_latest_version_keeps_unchanged_steps()
    {
        var id = await PublishAsync("fix-failed", Broken("fix-failed"));
        var runId = await Server.TriggerAsync(id);
        Assert.Equal("failed", ApiServer.RunState(await Server.WaitForEndAsync(runId)));
        await PublishAsync(id, Fixed(id));

        var (status, _) = await Server.PostAsync($"/api/runs/{runId}/retry-failed", new JsonObject { ["version"] = "latest" });
        Assert.Equal(200, status);
        var done = await Server.WaitForEndAsync(runId);

        Assert.Equal(("succeeded", 2), (ApiServer.RunState(done), done["run"]!["workflowVersion"]!.GetValue<int>()));
        Assert.Equal(["succeeded"], ApiServer.Attempts(done, "first"));
        Assert.Equal([1, 2], Versions(done, "middle"));
        Assert.Equal([2], Versions(done, "last"));
    }

    /// <summary>first writes a file, middle exits 1, last reads first's file.</summary>
    private static JsonObject Broken(string id) => Workflow(id, Steps("exit 1"), new() { ["who"] = "nobody" });

    /// <summary>The same workflow with middle fixed, and <paramref name="more"/> steps added.</summary>
    private static JsonObject Fixed(string id, JsonObject[]? more = null) => Workflow(id, [.. Steps("echo fixed"), .. more ?? []], new() { ["who"] = "nobody" });

    private static JsonObject[] Steps(string middle) =>
    [
        Step("first", "echo first > \"$1/out.txt\"", args: ["${{ step.output }}"]),
        Step("middle", middle, ["first"]),
        Step("last", "echo \"read: $(cat \"$1/out.txt\")\"", ["middle"], ["${{ steps.first.output }}"]),
    ];

    private async Task<string> PublishAsync(string id, JsonObject definition)
    {
        var (created, _) = await Server.PostAsync("/api/workflows", definition);
        if (created == 409)
        {
            var (status, body) = await Server.SendAsync(HttpMethod.Put, $"/api/workflows/{id}", definition);
            Assert.True(status == 200, body);
        }
        else
        {
            Assert.Equal(201, created);
        }

        var (published, _) = await Server.PostAsync($"/api/workflows/{id}/publish");
        Assert.Equal(200, published);
        return id;
    }

    private static List<int> Versions(JsonNode detail, string stepId) =>
        [.. ApiServer.Step(detail, stepId)["attemptHistory"]!.AsArray().Select(a => a!["workflowVersion"]!.GetValue<int>())];

    private static int StepVersion(JsonNode detail, string stepId) => ApiServer.Step(detail, stepId)["workflowVersion"]!.GetValue<int>();
}
