using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

[Collection(SharedPostgres.Name)]
public sealed class PostgresApiTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_triggered_run_succeeds_on_PostgreSQL()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Greet()], await postgres.Server.CreateDatabaseAsync(CancellationToken.None));

        var runId = await server.TriggerAsync("greet", new() { ["name"] = "postgres" });
        var detail = await server.WaitForEndAsync(runId);

        Assert.Equal("succeeded", ApiServer.RunState(detail));
        Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "say"));
        Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "after"));
        Assert.Equal("hello postgres\n", await server.LogAsync(runId, "after", 1));
        var listed = await server.GetJsonAsync("/api/runs?workflow=greet&state=succeeded");
        Assert.Equal(runId, listed["runs"]![0]!["run"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retrying_a_failed_step_works_on_PostgreSQL()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Gate("gate")], await postgres.Server.CreateDatabaseAsync(CancellationToken.None));
        var marker = Path.Combine(server.Scratch, "marker");
        var runId = await server.TriggerAsync("gate", new() { ["marker"] = marker });
        Assert.Equal("failed", ApiServer.RunState(await server.WaitForEndAsync(runId)));

        await File.WriteAllTextAsync(marker, "ok");
        var (status, _) = await server.PostAsync($"/api/runs/{runId}/steps/middle/retry");
        var detail = await server.WaitForEndAsync(runId);

        Assert.Equal(200, status);
        Assert.Equal("succeeded", ApiServer.RunState(detail));
        Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "first"));
        Assert.Equal(["failed", "succeeded"], ApiServer.Attempts(detail, "middle"));
        Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "last"));
    }
}
