using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

public sealed class TriggersApiTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task An_http_hook_with_wait_returns_the_ended_run()
    {
        var (status, run) = await Server.PostAsync("/hooks/hooks-test", new JsonObject { ["word"] = "hooked" });

        Assert.Equal(200, status);
        Assert.Equal("succeeded", run!["state"]!.GetValue<string>());
        Assert.Equal("hooked", run["workflowId"]!.GetValue<string>());
        Assert.Equal("http", run["triggeredBy"]!.GetValue<string>());
        Assert.Equal("hooked", run["inputs"]!["word"]!.GetValue<string>());
        Assert.StartsWith("hooked ", await Server.LogAsync(run["id"]!.GetValue<string>(), "echo", 1), StringComparison.Ordinal);
        var (unknown, _) = await Server.PostAsync("/hooks/no-such-hook");
        Assert.Equal(404, unknown);
    }

    [Fact]
    public async Task A_backfill_creates_one_run_per_day_with_that_logical_date()
    {
        var (status, runs) = await Server.PostAsync("/api/workflows/backfilled/backfill", new JsonObject { ["from"] = "2026-01-30", ["to"] = "2026-02-01" });

        Assert.Equal(200, status);
        var created = runs!.AsArray();
        Assert.Equal(
            [new DateTimeOffset(2026, 1, 30, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)],
            created.Select(r => r!["logicalDate"]!.GetValue<DateTimeOffset>()));
        Assert.All(created, r => Assert.Equal("backfill", r!["triggeredBy"]!.GetValue<string>()));
        var logs = new List<string>();
        foreach (var run in created)
        {
            var id = run!["id"]!.GetValue<string>();
            Assert.Equal("succeeded", ApiServer.RunState(await Server.WaitForEndAsync(id)));
            logs.Add(await Server.LogAsync(id, "echo", 1));
        }

        Assert.Equal(["hi 2026-01-30\n", "hi 2026-01-31\n", "hi 2026-02-01\n"], logs);
        var (reversed, _) = await Server.PostAsync("/api/workflows/backfilled/backfill", new JsonObject { ["from"] = "2026-02-01", ["to"] = "2026-01-30" });
        Assert.Equal(400, reversed);
    }

    [Fact]
    public async Task The_schedules_list_a_cron_trigger_with_its_next_due_time()
    {
        var before = TimeProvider.System.GetUtcNow();
        var schedules = (await Server.GetJsonAsync("/api/schedules")).AsArray();

        var nightly = Assert.Single(schedules, s => s!["workflowId"]!.GetValue<string>() == "nightly")!;
        Assert.Equal("0 2 * * *", nightly["schedule"]!.GetValue<string>());
        Assert.Equal("UTC", nightly["timeZone"]!.GetValue<string>());
        Assert.Equal("none", nightly["catchUp"]!.GetValue<string>());
        var next = nightly["nextDueAt"]!.GetValue<DateTimeOffset>().ToUniversalTime();
        Assert.Equal((2, 0, 0), (next.Hour, next.Minute, next.Second));
        Assert.InRange(next, before, before.AddDays(1).AddMinutes(1));
        Assert.DoesNotContain(schedules, s => s!["workflowId"]!.GetValue<string>() == "hooked");
    }
}
