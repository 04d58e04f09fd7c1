using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Persistence;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>
/// Two servers whose clocks disagree: leases are judged by the database's clock, so the one running ahead does not
/// take over an attempt the other still renews.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class ClockSkewTests(PostgresFixture postgres)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_server_whose_clock_runs_ahead_does_not_take_over_live_attempts(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        Directory.CreateDirectory(test.Folder);
        var ledger = Path.Combine(test.Folder, "ledger.txt");
        // A clock further ahead than a whole lease sees every lease lapsed, however recently it was renewed.
        var lease = TimeSpan.FromSeconds(3);
        await using var honest = new EngineReplica(test, "server-on-time", lease);
        await using var ahead = new EngineReplica(test, "server-ahead", lease, clock: new SkewedClock(TimeSpan.FromSeconds(4)));
        await honest.PublishAsync(FaultScenario.OneStep("slow", $"echo \"start $PIPELINE_ATTEMPT\" >> {ledger}; sleep 6"));
        honest.Start();
        var run = (await honest.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "slow" }, CancellationToken.None))!;
        await FaultScenario.WaitUntilAsync(() => File.Exists(ledger), TimeSpan.FromSeconds(30));
        ahead.Start();

        var ended = await honest.WaitForEndAsync(run.Id, TimeSpan.FromSeconds(60));

        var attempts = await honest.Database.Runs.GetAttemptsAsync(run.Id, CancellationToken.None);
        var context = string.Join("; ", attempts.Select(a => $"{a.Attempt} {a.State} {a.WorkerId} {a.Error}"));
        Assert.True(ended.State == RunState.Succeeded, context);
        Assert.Equal(["start 1"], await File.ReadAllLinesAsync(ledger));
        Assert.Equal([AttemptStates.Succeeded], attempts.Select(a => a.State));
    }

    /// <summary>The system's clock, shifted.</summary>
    private sealed class SkewedClock(TimeSpan skew) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
    }
}
