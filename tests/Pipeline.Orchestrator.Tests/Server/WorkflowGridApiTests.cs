using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary><c>GET /api/workflows/{id}/grid</c> on the real server: real runs, one failing, as columns by steps.</summary>
public sealed class WorkflowGridApiTests : IAsyncLifetime
{
    private ApiServer? _server;

    private ApiServer Server => _server!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync([TestFlows.Gate("grid-flow"), Ordered(Step("fit", "true", dependsOn: ["load"]))]);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    [Fact]
    public async Task The_grid_shows_runs_newest_first_with_a_cell_per_step_and_pages_both_ways()
    {
        var marker = Path.Combine(Server.Scratch, "grid.marker");
        var failed = await Server.TriggerAsync("grid-flow", new() { ["marker"] = marker });
        await Server.WaitForEndAsync(failed);
        await File.WriteAllTextAsync(marker, "");
        var passed = await Server.TriggerAsync("grid-flow", new() { ["marker"] = marker });
        await Server.WaitForEndAsync(passed);

        var grid = await Server.GetJsonAsync("/api/workflows/grid-flow/grid");
        var older = await Server.GetJsonAsync("/api/workflows/grid-flow/grid?limit=1");
        var oldest = await Server.GetJsonAsync($"/api/workflows/grid-flow/grid?limit=1&before={older["older"]}");
        var newer = await Server.GetJsonAsync($"/api/workflows/grid-flow/grid?limit=1&after={oldest["newer"]}");

        Assert.Equal(["first", "middle", "last"], grid["steps"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.All(grid["steps"]!.AsArray(), s => Assert.True(s!["inLatestVersion"]!.GetValue<bool>()));
        Assert.Equal([passed, failed], Ids(grid));
        Assert.Equal(["succeeded", "failed"], grid["runs"]!.AsArray().Select(r => r!["state"]!.GetValue<string>()));
        Assert.Equal(["succeeded", "succeeded", "succeeded"], States(grid["runs"]![0]!));
        Assert.Equal(["succeeded", "failed", "upstream-failed"], States(grid["runs"]![1]!));
        var middle = grid["runs"]![1]!["cells"]![1]!;
        Assert.Equal(1, middle["attempts"]!.GetValue<int>());
        Assert.True(middle["durationMs"]!.GetValue<long>() >= 0);
        Assert.False(middle["blockedByGate"]!.GetValue<bool>());
        Assert.Equal("manual", grid["runs"]![0]!["triggeredBy"]!.GetValue<string>());
        Assert.Null(grid["older"]);
        Assert.Null(grid["newer"]);
        Assert.Equal([passed], Ids(older));
        Assert.Equal(passed, older["older"]!.GetValue<string>());
        Assert.Equal([failed], Ids(oldest));
        Assert.Equal((null, failed), (oldest["older"]?.GetValue<string>(), oldest["newer"]?.GetValue<string>()));
        Assert.Equal([passed], Ids(newer));
        Assert.Null(newer["newer"]);
    }

    [Fact]
    public async Task Steps_follow_the_latest_versions_dependencies_then_come_those_only_older_runs_have()
    {
        var old = await Server.TriggerAsync("grid-order");
        await Server.WaitForEndAsync(old);
        // Version 2 drops fit and adds summary, listed before the step it depends on.
        var (status, _) = await Server.SendAsync(HttpMethod.Put, "/api/workflows/grid-order?publish=true", Ordered(Step("summary", "true", dependsOn: ["load"])));
        Assert.Equal(200, status);

        var grid = await Server.GetJsonAsync("/api/workflows/grid-order/grid");

        Assert.Equal(
            [("load", true), ("summary", true), ("report", true), ("fit", false)],
            grid["steps"]!.AsArray().Select(s => (s!["id"]!.GetValue<string>(), s["inLatestVersion"]!.GetValue<bool>())));
        Assert.Equal(["succeeded", null, "succeeded", "succeeded"], States(grid["runs"]![0]!));
        Assert.Equal(2, grid["latestVersion"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/workflows/no-such-flow/grid", 404, "no workflow 'no-such-flow'")]
    [InlineData("/api/workflows/grid-flow/grid?limit=0", 400, "limit 0 is not between 1 and 100")]
    [InlineData("/api/workflows/grid-flow/grid?limit=101", 400, "limit 101 is not between 1 and 100")]
    [InlineData("/api/workflows/grid-flow/grid?before=yesterday", 400, "before 'yesterday' is not a run id")]
    [InlineData("/api/workflows/grid-flow/grid?after=1%3D1", 400, "after '1=1' is not a run id")]
    [InlineData("/api/workflows/grid-flow/grid?before=20260105T061500123-0a1b2c3d&after=20260105T061500123-0a1b2c3d", 400, "not both")]
    public async Task Bad_requests_are_refused_naming_what_is_wrong(string path, int status, string detail)
    {
        var (actual, body) = await Server.SendAsync(HttpMethod.Get, path);

        Assert.Equal(status, actual);
        Assert.Contains(detail, JsonNode.Parse(body)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // report is listed first and depends on the step given, which depends on load: the grid puts load first.
    private static JsonObject Ordered(JsonObject middle) => Workflow("grid-order",
        [Step("report", "true", dependsOn: [middle["id"]!.GetValue<string>()]), middle, Step("load", "true")]);

    private static IEnumerable<string> Ids(JsonNode grid) => grid["runs"]!.AsArray().Select(r => r!["id"]!.GetValue<string>());

    private static IEnumerable<string?> States(JsonNode run) => run["cells"]!.AsArray().Select(c => c?["state"]!.GetValue<string>());
}
