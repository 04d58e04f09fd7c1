using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Persistence;
using Pipeline.Orchestrator.Tests.Persistence;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>Cron triggers on a fake clock over real databases: each due time fires once, whatever the replicas; catch-up policies.</summary>
[Collection(SharedPostgres.Name)]
public sealed class CronSchedulerTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Published = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Each_due_time_fires_exactly_once_with_two_servers_checking(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var clock = new FakeTimeProvider(Published);
        var first = test.Open();
        await PublishAsync(first, clock, "latest");
        var a = Scheduler(first, clock);
        var b = Scheduler(test.Open(), clock);

        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(a.CheckAsync(CancellationToken.None), b.CheckAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(30));
        var fired = await Task.WhenAll(a.CheckAsync(CancellationToken.None), b.CheckAsync(CancellationToken.None));
        await Task.WhenAll(a.CheckAsync(CancellationToken.None), b.CheckAsync(CancellationToken.None));

        Assert.Equal(3, fired.Sum());
        Assert.Equal(["00:10", "00:20", "00:30"], await CronRunTimesAsync(first));
    }

    [Theory]
    [InlineData("latest", new[] { "01:00" })]
    [InlineData("all", new[] { "00:10", "00:20", "00:30", "00:40", "00:50", "01:00" })]
    [InlineData("none", new string[0])]
    public async Task Due_times_missed_while_no_server_ran_follow_the_catch_up_policy(string policy, string[] expected)
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", postgres);
        var clock = new FakeTimeProvider(Published);
        var database = test.Open();
        await PublishAsync(database, clock, policy);

        clock.Advance(TimeSpan.FromHours(1));
        var scheduler = Scheduler(database, clock);
        await scheduler.CheckAsync(CancellationToken.None);

        Assert.Equal(expected, await CronRunTimesAsync(database));
    }

    private static CronScheduler Scheduler(OrchestratorDatabase database, TimeProvider clock)
    {
        var options = new EngineOptions { DataRoot = Path.Combine(Path.GetTempPath(), "cron-data") };
        var launcher = new RunLauncher(database.Workflows, database.Runs, new EngineSignal(), options, new ExecutionPolicy([]), new SecretStore(new SecretsOptions()), clock);
        return new CronScheduler(new ScheduleCatalog(database.Workflows), launcher, new SchedulerOptions(), clock, NullLogger<CronScheduler>.Instance);
    }

    private static async Task PublishAsync(OrchestratorDatabase database, TimeProvider clock, string catchUp)
    {
        var json = new JsonObject
        {
            ["id"] = "every-ten",
            ["name"] = "every ten minutes",
            ["triggers"] = new JsonArray(new JsonObject { ["type"] = "cron", ["schedule"] = "*/10 * * * *", ["catchUp"] = catchUp }),
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "a", ["command"] = "/bin/true", ["args"] = new JsonArray("${{ run.logicalTime }}") }),
        }.ToJsonString();
        await database.Workflows.SaveDraftAsync("every-ten", json, clock.GetUtcNow(), CancellationToken.None);
        await database.Workflows.PublishAsync("every-ten", clock.GetUtcNow(), CancellationToken.None);
    }

    private static async Task<string[]> CronRunTimesAsync(OrchestratorDatabase database)
    {
        var page = await database.Runs.ListRunsAsync(new RunQuery { WorkflowId = "every-ten", Limit = 100 }, CancellationToken.None);
        Assert.All(page.Runs, r => Assert.Equal("cron", r.Run.TriggeredBy));
        return [.. page.Runs.Select(r => r.Run.LogicalDate!.Value.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)];
    }
}
