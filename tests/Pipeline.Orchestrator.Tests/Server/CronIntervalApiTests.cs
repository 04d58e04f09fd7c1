using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// <c>Scheduler:MinimumInterval</c> (1 minute by default): a cron trigger that would fire more often is refused
/// wherever a definition comes in (validate, create, update, publish, the workflows folder), at its schedule's path.
/// </summary>
public sealed class CronIntervalApiTests
{
    private const string Expected = "'* * * * * *' fires 1 s apart; cron triggers on this server may fire at most once every 1 min (Scheduler:MinimumInterval)";

    private static JsonObject Cron(string id, string schedule) =>
        Workflow(id, [Step("tick", "true")], maxActiveRuns: 1, triggers: new JsonArray(new JsonObject { ["type"] = "manual" }, new JsonObject { ["type"] = "cron", ["schedule"] = schedule }));

    [Fact]
    public async Task An_every_second_cron_is_refused_at_validate_create_and_update_and_skipped_in_the_folder()
    {
        await using var server = await ApiServer.StartAsync([Cron("from-folder", "* * * * * *")]);

        var (validated, problems) = await server.PostAsync("/api/workflows/validate", Cron("ticking", "* * * * * *"));
        Assert.Equal(200, validated);
        var problem = Assert.Single(problems!.AsArray())!;
        Assert.Equal("$.triggers[1].schedule", problem["path"]!.GetValue<string>());
        Assert.Equal(Expected, problem["message"]!.GetValue<string>());

        var (created, refusal) = await server.PostAsync("/api/workflows", Cron("ticking", "* * * * * *"));
        Assert.Equal(422, created);
        Assert.Equal("$.triggers[1].schedule", refusal!["problems"]![0]!["path"]!.GetValue<string>());
        Assert.Equal(201, (await server.PostAsync("/api/workflows", Cron("minutely", "* * * * *"))).Status);
        Assert.Equal(422, (await server.SendAsync(HttpMethod.Put, "/api/workflows/minutely", Cron("minutely", "*/30 * * * * *"))).Status);
        Assert.Equal(200, (await server.SendAsync(HttpMethod.Put, "/api/workflows/minutely", Cron("minutely", "0 */5 * * * *"))).Status);

        Assert.Equal(404, (await server.SendAsync(HttpMethod.Get, "/api/workflows/from-folder")).Status);
    }

    [Fact]
    public async Task A_draft_saved_under_a_laxer_setting_is_refused_at_publish_and_its_published_runs_at_trigger()
    {
        using var folder = new TempFolder("cron-interval");
        var database = folder.Sub("pipeline.db");
        await using (var lax = await ApiServer.StartAsync([], extra: new() { ["Storage:SqliteFile"] = database, ["Scheduler:MinimumInterval"] = "00:00:01", ["Scheduler:Enabled"] = "false" }))
        {
            Assert.Equal(201, (await lax.PostAsync("/api/workflows?publish=true", Cron("ticking", "* * * * * *"))).Status);
            Assert.Equal(200, (await lax.SendAsync(HttpMethod.Put, "/api/workflows/ticking", Cron("ticking", "*/2 * * * * *"))).Status);
        }

        await using var strict = await ApiServer.StartAsync([], extra: new() { ["Storage:SqliteFile"] = database });

        var (published, problem) = await strict.PostAsync("/api/workflows/ticking/publish");
        Assert.Equal(422, published);
        Assert.Equal("$.triggers[1].schedule", problem!["problems"]![0]!["path"]!.GetValue<string>());
        var (triggered, refusal) = await strict.PostAsync("/api/workflows/ticking/runs", new JsonObject());
        Assert.Equal(422, triggered);
        Assert.Equal(Expected, refusal!["problems"]![0]!["message"]!.GetValue<string>());
        Assert.Empty((await strict.GetJsonAsync("/api/runs?workflow=ticking"))["runs"]!.AsArray());
    }
}
