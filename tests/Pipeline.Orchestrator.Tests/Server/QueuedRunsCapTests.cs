using System.Diagnostics;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Datasets;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// <c>Engine:MaxQueuedRunsPerWorkflow</c>: however runs are asked for (manual, hook, rerun, backfill, dataset, cron),
/// a workflow never has more runs waiting for a slot than that. The servers here run no steps, so a workflow's first
/// run takes its one slot and stays, and every later one waits.
/// </summary>
public sealed class QueuedRunsCapTests
{
    private const string Setting = "Engine:MaxQueuedRunsPerWorkflow";

    [Fact]
    public async Task Every_trigger_is_refused_with_409_once_the_workflows_queue_is_full_and_a_backfill_creates_all_or_nothing()
    {
        await using var server = await ApiServer.StartAsync([Capped("capped")], extra: new() { [Setting] = "3", ["Engine:RunSteps"] = "false" });
        var first = await server.TriggerAsync("capped");
        await server.WaitForAsync(first, d => ApiClient.RunState(d) == "running");
        await server.TriggerAsync("capped");
        await server.TriggerAsync("capped");

        // Two wait, the cap is three: a backfill of two days would make four, so neither day is created.
        var (tooMany, tooManyProblem) = await server.PostAsync("/api/workflows/capped/backfill", new JsonObject { ["from"] = "2026-01-01", ["to"] = "2026-01-02" });
        Assert.Equal(409, tooMany);
        Assert.Contains(Setting, tooManyProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, await RunCountAsync(server));
        Assert.Equal(200, (await server.PostAsync("/api/workflows/capped/backfill", new JsonObject { ["from"] = "2026-01-01", ["to"] = "2026-01-01" })).Status);

        var (manual, problem) = await server.PostAsync("/api/workflows/capped/runs", new JsonObject());
        Assert.Equal(409, manual);
        Assert.Equal("workflow 'capped' has 3 runs waiting to start, the most this server queues for one workflow (Engine:MaxQueuedRunsPerWorkflow); "
            + "wait for some to start or cancel some", problem!["detail"]!.GetValue<string>());
        Assert.Equal(409, (await server.PostAsync("/hooks/capped")).Status);
        Assert.Equal(409, (await server.PostAsync($"/api/runs/{first}/rerun")).Status);
        var csv = await File.ReadAllBytesAsync(Path.Combine(SharedData.BundledSample, "PRSA_Data_Dingling_201303.csv"));
        var (uploaded, dataset) = await DatasetUploads.MultipartAsync(server, csv, "dingling.csv");
        Assert.True(uploaded == 201, dataset?.ToJsonString());
        var refused = Assert.Single(dataset!["runs"]!.AsArray())!;
        Assert.Null(refused["runId"]);
        Assert.Contains(Setting, refused["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(4, await RunCountAsync(server));

        // A cancelled run no longer waits: its place is free again.
        var waiting = (await server.GetJsonAsync("/api/runs?workflow=capped&state=queued"))["runs"]![0]!["run"]!["id"]!.GetValue<string>();
        Assert.Equal(200, (await server.PostAsync($"/api/runs/{waiting}/cancel")).Status);
        await server.TriggerAsync("capped");
    }

    [Fact]
    public async Task An_every_second_cron_over_a_busy_workflow_stops_queueing_at_the_limit()
    {
        var ticking = Workflow("ticking", [Step("tick", "true")], maxActiveRuns: 1,
            triggers: new JsonArray(new JsonObject { ["type"] = "cron", ["schedule"] = "* * * * * *", ["catchUp"] = "none" }));
        await using var server = await ApiServer.StartAsync([ticking], extra: new()
        {
            [Setting] = "2",
            ["Engine:RunSteps"] = "false",
            ["Scheduler:MinimumInterval"] = "00:00:01",
        });

        // One run holds the slot, two wait; after that every due time (one a second) is skipped.
        var watch = Stopwatch.StartNew();
        while ((await TickingRunsAsync(server)).Count < 3 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var runs = await TickingRunsAsync(server);
        Assert.Equal(["queued", "queued", "running"], runs.Order(StringComparer.Ordinal));
    }

    /// <summary>One step, one slot; an HTTP trigger and a dataset trigger setting <c>source</c>.</summary>
    private static JsonObject Capped(string id)
    {
        var workflow = Workflow(id, [Step("echo", "echo \"$1\"", args: ["${{ inputs.source }}"])], maxActiveRuns: 1,
            triggers: new JsonArray(new JsonObject { ["type"] = "http", ["path"] = id }, new JsonObject { ["type"] = "dataset", ["input"] = "source" }));
        workflow["inputs"] = new JsonObject { ["source"] = new JsonObject { ["type"] = "path", ["default"] = SharedData.BundledSample } };
        return workflow;
    }

    private static async Task<int> RunCountAsync(ApiClient client) =>
        (await client.GetJsonAsync("/api/runs?workflow=capped&limit=500"))["runs"]!.AsArray().Count;

    private static async Task<List<string>> TickingRunsAsync(ApiClient client) =>
        [.. (await client.GetJsonAsync("/api/runs?workflow=ticking&limit=500"))["runs"]!.AsArray().Select(r => r!["run"]!["state"]!.GetValue<string>())];
}
