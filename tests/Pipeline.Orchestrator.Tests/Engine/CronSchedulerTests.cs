using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Engine.Telemetry;
using Pipeline.Orchestrator.Persistence;
using Pipeline.Orchestrator.Tests.Persistence;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

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

    [Fact]
    public async Task A_due_time_whose_run_would_pass_the_queue_limit_is_skipped_with_a_warning_and_counted_not_retried()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", postgres);
        var clock = new FakeTimeProvider(Published);
        var database = test.Open();
        await PublishAsync(database, clock, "all");
        var logger = new ListLogger<CronScheduler>();
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var refused = new List<(long Count, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "pipeline.runs.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            refused.Add((value, string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();
        var telemetry = new EngineTelemetry(new OrchestrationMetrics(meters), new RunTracing(), new DataMetrics(meters));
        var scheduler = Scheduler(database, clock, maxQueued: 2, logger, telemetry);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await scheduler.CheckAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await scheduler.CheckAsync(CancellationToken.None));

        // Nothing runs here, so the queue stays full: 00:30 to 01:10 are skipped, and not fired later either.
        Assert.Equal(["00:10", "00:20"], await CronRunTimesAsync(database));
        var skipped = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(5, skipped.Count);
        Assert.StartsWith("cron: every-ten due at 2026-01-01T00:30:00.0000000+00:00 skipped: workflow 'every-ten' has 2 runs waiting to start", skipped[0], StringComparison.Ordinal);
        Assert.Contains("Engine:MaxQueuedRunsPerWorkflow", skipped[0], StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat((1L, "reason=queue-full,trigger=cron,workflow=every-ten"), 5), refused);
    }

    [Fact]
    public async Task A_version_firing_more_often_than_the_minimum_interval_does_not_fire_and_is_warned_about_once()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", postgres);
        var clock = new FakeTimeProvider(Published);
        var database = test.Open();
        // Published before Scheduler:MinimumInterval was raised: straight into the store, as the API would now refuse it.
        await PublishAsync(database, clock, "all", "*/10 * * * * *");
        var logger = new ListLogger<CronScheduler>();
        var scheduler = Scheduler(database, clock, logger: logger, minimumInterval: TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await scheduler.CheckAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await scheduler.CheckAsync(CancellationToken.None));

        Assert.Empty(await CronRunTimesAsync(database));
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("cron: every-ten trigger 0 ('*/10 * * * * *') fires 00:00:10 apart, more often than Scheduler:MinimumInterval (00:01:00) allows; "
            + "it does not fire until the workflow is changed", warning.Message);
    }

    private static CronScheduler Scheduler(
        OrchestratorDatabase database, TimeProvider clock, int maxQueued = 1000, ILogger<CronScheduler>? logger = null, EngineTelemetry? telemetry = null,
        TimeSpan? minimumInterval = null)
    {
        var options = new EngineOptions { DataRoot = Path.Combine(Path.GetTempPath(), "cron-data"), MaxQueuedRunsPerWorkflow = maxQueued };
        var launcher = new RunLauncher(database.Workflows, database.Runs, new EngineSignal(), options, new ExecutionPolicy([]), new SecretStore(new SecretsOptions()), clock, telemetry);
        var scheduling = new SchedulerOptions { MinimumInterval = minimumInterval ?? TimeSpan.Zero };
        return new CronScheduler(new ScheduleCatalog(database.Workflows), launcher, scheduling, clock, logger ?? NullLogger<CronScheduler>.Instance);
    }

    private static async Task PublishAsync(OrchestratorDatabase database, TimeProvider clock, string catchUp, string schedule = "*/10 * * * *")
    {
        var json = new JsonObject
        {
            ["id"] = "every-ten",
            ["name"] = "every ten minutes",
            ["triggers"] = new JsonArray(new JsonObject { ["type"] = "cron", ["schedule"] = schedule, ["catchUp"] = catchUp }),
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
