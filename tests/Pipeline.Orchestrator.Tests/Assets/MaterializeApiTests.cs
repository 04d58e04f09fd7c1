using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>
/// Asking for days of an asset by name (a backfill from the API, as the Assets page does): one run of the workflow
/// whose materialize trigger names the asset, fanning out over exactly those days; clear refusals for days that
/// are not days, an asset no workflow materializes, and two workflows that both could.
/// </summary>
public sealed class MaterializeApiTests
{
    private static JsonObject Backfill(string id, string asset = "features") => Workflow(
        id,
        [Step("make", """echo "$1" > "$2/day.txt" """, args: ["${{ partition.key }}", "${{ step.output }}"],
            extra: new JsonObject { ["partitions"] = new JsonObject { ["keys"] = "${{ inputs.days }}", ["order"] = "newest-first", ["maxParallel"] = 2 } })],
        inputs: new() { ["days"] = null },
        triggers: [new JsonObject { ["type"] = "materialize", ["asset"] = asset, ["input"] = "days" }]);

    [Fact]
    public async Task Thirty_days_are_one_run_fanning_out_over_exactly_those_days()
    {
        await using var server = await ApiServer.StartAsync([Backfill("features-backfill"), Backfill("readings-backfill", "readings")]);

        var (status, body) = await server.PostAsync("/api/assets/features/materialize", new JsonObject { ["from"] = "2024-03-01", ["to"] = "2024-03-30" });

        Assert.True(status == 202, body?.ToJsonString());
        Assert.Equal(("features-backfill", 30), (body!["workflow"]!.GetValue<string>(), body["partitions"]!.GetValue<int>()));
        var runId = body["runId"]!.GetValue<string>();
        var ended = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(2));
        Assert.True(ApiClient.RunState(ended) == "succeeded", ended.ToJsonString());
        Assert.Equal("materialize", ended["run"]!["triggeredBy"]!.GetValue<string>());
        Assert.Equal(30, ApiClient.Step(ended, "make")["partitions"]!["byState"]!["succeeded"]!.GetValue<int>());
        var page = await server.GetJsonAsync($"/api/runs/{runId}/steps/make/partitions?limit=1000");
        Assert.Equal(Enumerable.Range(1, 30).Select(d => $"2024-03-{d:00}"), page["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));

        // A selection: only the days named, each once.
        (status, body) = await server.PostAsync("/api/assets/features/materialize", new JsonObject { ["partitions"] = new JsonArray("2024-05-02", "2024-05-09", "2024-05-02") });
        Assert.True(status == 202, body?.ToJsonString());
        Assert.Equal(2, body!["partitions"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_days_an_asset_nobody_makes_and_two_workflows_that_could_are_refused_clearly()
    {
        await using var server = await ApiServer.StartAsync([Backfill("one"), Backfill("two")]);

        var (status, body) = await server.PostAsync("/api/assets/features/materialize", new JsonObject { ["partitions"] = new JsonArray("2024-02-30") });
        Assert.Equal(400, status);
        Assert.Contains("is not a day", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, body) = await server.PostAsync("/api/assets/features/materialize", new JsonObject());
        Assert.Equal(400, status);

        (status, body) = await server.PostAsync("/api/assets/predictions/materialize", new JsonObject { ["partitions"] = new JsonArray("2024-02-01") });
        Assert.Equal(409, status);
        Assert.Contains("no published workflow materializes asset 'predictions'", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, body) = await server.PostAsync("/api/assets/features/materialize", new JsonObject { ["partitions"] = new JsonArray("2024-02-01") });
        Assert.Equal(409, status);
        Assert.Contains("one, two all materialize asset 'features'", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, body) = await server.PostAsync("/api/assets/features/materialize", new JsonObject { ["partitions"] = new JsonArray("2024-02-01"), ["workflow"] = "two" });
        Assert.True(status == 202, body?.ToJsonString());
        Assert.Equal("two", body!["workflow"]!.GetValue<string>());
    }
}
