using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Persistence;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>
/// A deploy (a server stopping the way SIGTERM stops it) with steps that take no retries: the steps finish during
/// the drain, or, stopped after it, are taken over by another server without spending a retry. No run fails.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class EngineDrainTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_stopping_server_lets_its_running_step_finish_within_the_drain(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var (journal, started) = Files(test);
        await using var server = new EngineReplica(test, "server-a", drain: TimeSpan.FromSeconds(20));
        await server.PublishAsync(FaultScenario.OneStep("deploy", $"touch {started}; sleep 2; echo done >> {journal}"));
        server.Start();
        var run = (await server.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "deploy" }, CancellationToken.None))!;
        await FaultScenario.WaitUntilAsync(() => File.Exists(started), Patience);

        await server.StopAsync();

        var ended = (await server.Database.Runs.GetRunAsync(run.Id, CancellationToken.None))!;
        Assert.Equal(RunState.Succeeded, ended.State);
        Assert.Equal(["done"], await File.ReadAllLinesAsync(journal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public Task A_step_stopped_by_its_server_is_retried_elsewhere_without_spending_a_retry(string engine) =>
        // No retries: before, the lost attempt spent the only try and the run failed.
        StopMidStepAndTakeOverAsync(engine, drain: null, stepSeconds: 2, expectedJournal: "done 2");

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public Task A_step_still_running_after_the_drain_is_handed_over_and_adopted_not_run_again(string engine) =>
        // The first attempt's process finishes the work; the second adopts it rather than starting it again.
        StopMidStepAndTakeOverAsync(engine, drain: TimeSpan.FromSeconds(1), stepSeconds: 4, expectedJournal: "done 1");

    /// <summary>
    /// Server A (draining for <paramref name="drain"/>) is stopped while a one-step run's step (without retries) runs;
    /// server B takes the run over. It must succeed, the journal say <paramref name="expectedJournal"/> alone, and the
    /// attempts be lost, then succeeded.
    /// </summary>
    private async Task StopMidStepAndTakeOverAsync(string engine, TimeSpan? drain, int stepSeconds, string expectedJournal)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var (journal, started) = Files(test);
        await using var a = new EngineReplica(test, "server-a", drain: drain);
        await using var b = new EngineReplica(test, "server-b");
        await a.PublishAsync(FaultScenario.OneStep("deploy", $"touch {started}; sleep {stepSeconds}; echo \"done $PIPELINE_ATTEMPT\" >> {journal}"));
        a.Start();
        var run = (await a.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "deploy" }, CancellationToken.None))!;
        await FaultScenario.WaitUntilAsync(() => File.Exists(started), Patience);

        await a.StopAsync();
        b.Start();

        Assert.Equal(RunState.Succeeded, (await b.WaitForEndAsync(run.Id, Patience)).State);
        Assert.Equal([expectedJournal], await File.ReadAllLinesAsync(journal));
        var attempts = await b.Database.Runs.GetAttemptsAsync(run.Id, CancellationToken.None);
        Assert.Equal([AttemptStates.Lost, AttemptStates.Succeeded], attempts.OrderBy(x => x.Attempt).Select(x => x.State));
    }

    private static (string Journal, string Started) Files(TestDatabase test)
    {
        Directory.CreateDirectory(test.Folder);
        return (Path.Combine(test.Folder, "journal.txt"), Path.Combine(test.Folder, "started.txt"));
    }
}
