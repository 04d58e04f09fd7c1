using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>What the designer asks the server: the step palette, cron previews, and the workflow list's run and schedule columns.</summary>
public sealed class DesignerApiTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task The_palette_lists_every_step_program_with_the_options_its_own_describe_reports()
    {
        var types = await Server.GetJsonAsync("/api/step-types");

        var programs = types["programs"]!.AsArray();
        Assert.Equal(["chunker", "feature-creator", "cluster-train", "cluster-predict"], programs.Select(p => p!["program"]!.GetValue<string>()));
        foreach (var program in programs)
        {
            Assert.True(program!["problem"] is null, program.ToJsonString());
            Assert.Matches(@"^\d+\.\d+\.\d+$", program["version"]!.GetValue<string>());
            var options = program["options"]!.AsArray();
            var output = Assert.Single(options, o => o!["name"]!.GetValue<string>() == "--output");
            Assert.True(output!["required"]!.GetValue<bool>());
            Assert.All(options, o => Assert.False(string.IsNullOrWhiteSpace(o!["description"]!.GetValue<string>()), o.ToJsonString()));
        }

        var chunker = programs.Single(p => p!["program"]!.GetValue<string>() == "chunker")!;
        Assert.Equal("Chunker", chunker["title"]!.GetValue<string>());
        var timeZone = chunker["options"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "--time-zone")!;
        Assert.Equal(("UTC", "CHUNKER_TIME_ZONE"), (timeZone["default"]!.GetValue<string>(), timeZone["environment"]!.GetValue<string>()));
        var connection = programs.Single(p => p!["program"]!.GetValue<string>() == "cluster-predict")!["options"]!.AsArray()
            .Single(o => o!["name"]!.GetValue<string>() == "--connection-string")!;
        Assert.True(connection["secret"]!.GetValue<bool>());
        Assert.Contains(types["templates"]!.AsArray(), t => t!["expression"]!.GetValue<string>() == "${{ steps.<id>.output }}");
    }

    [Fact]
    public async Task A_cron_preview_gives_the_next_fire_times_in_the_schedules_time_zone()
    {
        var (status, body) = await Server.PostAsync("/api/cron/preview", new JsonObject { ["schedule"] = "30 2 * * 1-5", ["timeZone"] = "Europe/Berlin", ["count"] = 7 });

        Assert.Equal(200, status);
        Assert.Equal("Europe/Berlin", body!["timeZone"]!.GetValue<string>());
        var times = body["nextTimes"]!.AsArray().Select(t => DateTimeOffset.Parse(t!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(7, times.Count);
        Assert.Equal(times.Order(), times);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.All(times, t =>
        {
            var local = TimeZoneInfo.ConvertTime(t, berlin);
            Assert.Equal((2, 30), (local.Hour, local.Minute));
            Assert.InRange((int)local.DayOfWeek, 1, 5);
        });
    }

    [Fact]
    public async Task A_bad_schedule_or_time_zone_is_refused_with_the_field_it_concerns()
    {
        var (status, body) = await Server.PostAsync("/api/cron/preview", new JsonObject { ["schedule"] = "0 25 * * *", ["timeZone"] = "Mars/Olympus", ["count"] = 500 });

        Assert.Equal(422, status);
        var problems = body!["problems"]!.AsArray().Select(p => (p!["path"]!.GetValue<string>(), p["message"]!.GetValue<string>())).ToList();
        Assert.Contains(problems, p => p.Item1 == "$.schedule" && p.Item2.Contains("0 25 * * *", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == "$.timeZone" && p.Item2.Contains("Mars/Olympus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == "$.count");
    }

    [Fact]
    public async Task The_workflow_list_shows_each_workflows_last_run_and_next_scheduled_time()
    {
        var runId = await Server.TriggerAsync("list-b");
        await Server.WaitForEndAsync(runId);

        var list = (await Server.GetJsonAsync("/api/workflows")).AsArray().ToDictionary(w => w!["id"]!.GetValue<string>(), w => w!);

        var listed = list["list-b"];
        Assert.Equal(runId, listed["lastRun"]!["id"]!.GetValue<string>());
        Assert.Equal("succeeded", listed["lastRun"]!["state"]!.GetValue<string>());
        Assert.NotNull(listed["lastRun"]!["finishedAt"]);
        Assert.Null(listed["nextDueAt"]);
        var nextDue = DateTimeOffset.Parse(list["nightly"]["nextDueAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.Equal((2, 0, TimeSpan.Zero), (nextDue.UtcDateTime.Hour, nextDue.Minute, nextDue.Offset));
        Assert.InRange(nextDue, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow().AddDays(1));
    }
}
