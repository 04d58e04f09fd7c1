using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

public sealed class RetryApiTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task Retrying_a_failed_step_runs_it_and_its_downstream_and_keeps_upstream()
    {
        var marker = Path.Combine(Server.Scratch, $"marker-{Guid.NewGuid():N}");
        var runId = await Server.TriggerAsync("gate-step", new() { ["marker"] = marker });
        var failed = await Server.WaitForEndAsync(runId);
        Assert.Equal("failed", ApiServer.RunState(failed));
        Assert.Equal("upstream-failed", ApiServer.StepState(failed, "last"));
        Assert.Empty(ApiServer.Attempts(failed, "last"));
        Assert.Equal("no marker\n", await Server.LogAsync(runId, "middle", 1, "stderr"));

        await File.WriteAllTextAsync(marker, "ok");
        var (status, body) = await Server.PostAsync($"/api/runs/{runId}/steps/middle/retry");
        Assert.Equal(200, status);
        Assert.NotEqual("failed", body!["state"]!.GetValue<string>());
        var retried = await Server.WaitForEndAsync(runId);

        Assert.Equal("succeeded", ApiServer.RunState(retried));
        Assert.Equal(["succeeded"], ApiServer.Attempts(retried, "first"));
        Assert.Equal(["failed", "succeeded"], ApiServer.Attempts(retried, "middle"));
        Assert.Equal(["succeeded"], ApiServer.Attempts(retried, "last"));

        // Retrying a step of a run that succeeded re-runs it and clears what depends on it, not what it depends on.
        var (again, _) = await Server.PostAsync($"/api/runs/{runId}/steps/middle/retry");
        Assert.Equal(200, again);
        var twice = await Server.WaitForAsync(runId, d => ApiServer.RunState(d) == "succeeded" && ApiServer.Attempts(d, "last").Count == 2);
        Assert.Equal(["succeeded"], ApiServer.Attempts(twice, "first"));
        Assert.Equal(["failed", "succeeded", "succeeded"], ApiServer.Attempts(twice, "middle"));
        Assert.Equal(["succeeded", "succeeded"], ApiServer.Attempts(twice, "last"));

        var (unknown, _) = await Server.PostAsync($"/api/runs/{runId}/steps/no-such-step/retry");
        Assert.Equal(409, unknown);
    }

    [Fact]
    public async Task Retry_failed_reruns_what_failed_and_rerun_starts_a_new_run_with_the_same_inputs()
    {
        var marker = Path.Combine(Server.Scratch, $"marker-{Guid.NewGuid():N}");
        var runId = await Server.TriggerAsync("gate-failed", new() { ["marker"] = marker });
        Assert.Equal("failed", ApiServer.RunState(await Server.WaitForEndAsync(runId)));

        await File.WriteAllTextAsync(marker, "ok");
        var (status, _) = await Server.PostAsync($"/api/runs/{runId}/retry-failed");
        Assert.Equal(200, status);
        var retried = await Server.WaitForEndAsync(runId);

        Assert.Equal("succeeded", ApiServer.RunState(retried));
        Assert.Equal(["succeeded"], ApiServer.Attempts(retried, "first"));
        Assert.Equal(["failed", "succeeded"], ApiServer.Attempts(retried, "middle"));
        Assert.Equal(["succeeded"], ApiServer.Attempts(retried, "last"));

        var (created, rerun) = await Server.PostAsync($"/api/runs/{runId}/rerun");
        Assert.Equal(201, created);
        var rerunId = rerun!["id"]!.GetValue<string>();
        Assert.NotEqual(runId, rerunId);
        Assert.Equal("rerun", rerun["triggeredBy"]!.GetValue<string>());
        Assert.Equal(marker, rerun["inputs"]!["marker"]!.GetValue<string>());
        Assert.Equal(retried["run"]!["logicalDate"]!.GetValue<DateTimeOffset>(), rerun["logicalDate"]!.GetValue<DateTimeOffset>());
        var rerunDetail = await Server.WaitForEndAsync(rerunId);
        Assert.Equal("succeeded", ApiServer.RunState(rerunDetail));
        Assert.Equal(["succeeded"], ApiServer.Attempts(rerunDetail, "middle"));
    }
}
