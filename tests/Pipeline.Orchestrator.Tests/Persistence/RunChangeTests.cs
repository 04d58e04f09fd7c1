using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Persistence;

/// <summary>Leases, cancels and retries of a run in the store.</summary>
[Collection(SharedPostgres.Name)]
public sealed class RunChangeTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_lapsed_lease_loses_the_attempt_once_and_the_step_is_retried_as_attempt_two(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var run = New("w", T0, Chain, retries: 2);
        await store.CreateRunAsync(run, None);
        await store.StartQueuedRunsAsync(_ => 1, T0, None);
        var claimed = Assert.Single(await store.ClaimStepsAsync("w1", 5, T0, Lease, None));

        Assert.Empty(await store.RenewLeasesAsync("w1", [claimed.Key], T0.AddSeconds(60), None));
        Assert.Equal(0, await store.ExpireLeasesAsync(T0.AddSeconds(59), None));
        Assert.Equal(1, await store.ExpireLeasesAsync(T0.AddSeconds(61), None));
        Assert.Equal(0, await test.Open().Runs.ExpireLeasesAsync(T0.AddSeconds(62), None));

        var attempt = Assert.Single(await store.GetAttemptsAsync(run.Run.Id, None));
        Assert.Equal(("lost", "worker w1 stopped renewing its lease", T0.AddSeconds(61)), (attempt.State, attempt.Error!, attempt.FinishedAt!.Value));
        var step = (await store.GetStepRunsAsync(run.Run.Id, None))[0];
        // At once and without spending a retry: a lost attempt says nothing about the step (RunProgress.MaxFreeInterruptions).
        Assert.Equal((StepState.UpForRetry, T0.AddSeconds(61), (string?)null, 1), (step.State, step.ReadyAt!.Value, step.LeaseOwner, step.RetryBase));
        var retry = Assert.Single(await store.ClaimStepsAsync("w2", 5, T0.AddSeconds(71), Lease, None));
        Assert.Equal(new AttemptKey(run.Run.Id, "a", 2), retry.Key);
        Assert.Equal([claimed.Key], await store.RenewLeasesAsync("w1", [claimed.Key], T0.AddSeconds(90), None));
        Assert.False(await store.CompleteAttemptAsync(claimed.Key, "w1", Success, T0.AddSeconds(72), None));
        Assert.Equal(StepState.Running, (await store.GetStepRunsAsync(run.Run.Id, None))[0].State);
        Assert.True(await store.CompleteAttemptAsync(retry.Key, "w2", Success, T0.AddSeconds(73), None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Cancelling_ends_the_run_its_steps_and_running_attempts_and_a_late_result_changes_nothing(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var run = New("w", T0, Chain);
        await store.CreateRunAsync(run, None);
        await store.StartQueuedRunsAsync(_ => 1, T0, None);
        var claimed = Assert.Single(await store.ClaimStepsAsync("w1", 5, T0, Lease, None));

        Assert.True(await store.CancelRunAsync(run.Run.Id, "stopped by ana", T0.AddSeconds(3), None));
        Assert.False(await store.CancelRunAsync(run.Run.Id, "again", T0.AddSeconds(4), None));
        Assert.False(await store.CancelRunAsync("20270101T000000000-00000000", "missing", T0, None));
        Assert.False(await store.CompleteAttemptAsync(claimed.Key, "w1", Success, T0.AddSeconds(5), None));

        var after = await store.GetRunAsync(run.Run.Id, None);
        Assert.Equal((RunState.Cancelled, "stopped by ana", T0.AddSeconds(3)), (after!.State, after.Error!, after.FinishedAt!.Value));
        Assert.Equal([StepState.Cancelled, StepState.Cancelled], (await store.GetStepRunsAsync(run.Run.Id, None)).Select(s => s.State));
        var attempt = Assert.Single(await store.GetAttemptsAsync(run.Run.Id, None));
        Assert.Equal(("cancelled", T0.AddSeconds(3)), (attempt.State, attempt.FinishedAt!.Value));
        Assert.Equal([claimed.Key], await store.RenewLeasesAsync("w1", [claimed.Key], T0.AddSeconds(60), None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Retrying_a_failed_step_reopens_the_run_and_a_refused_change_writes_nothing(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var run = New("w", T0, Chain);
        await store.CreateRunAsync(run, None);
        await store.StartQueuedRunsAsync(_ => 1, T0, None);
        var claimed = Assert.Single(await store.ClaimStepsAsync("w1", 5, T0, Lease, None));
        Assert.True(await store.CompleteAttemptAsync(claimed.Key, "w1", Failure, T0.AddSeconds(1), None));
        Assert.Equal(RunState.Failed, (await store.GetRunAsync(run.Run.Id, None))!.State);

        var reopened = await store.ChangeRunAsync(run.Run.Id, (r, s) => RunProgress.RetryStep(r, s, "a", T0.AddSeconds(10)), None);
        var refused = await Assert.ThrowsAsync<RunChangeRefusedException>(() =>
            store.ChangeRunAsync(run.Run.Id, (r, s) => RunProgress.RetryStep(r, s, "b", T0.AddSeconds(11)), None));

        Assert.Contains("'b'", refused.Message, StringComparison.Ordinal);
        Assert.Null(await store.ChangeRunAsync("20270101T000000000-00000000", (r, s) => new RunChange(r, s), None));
        Assert.Equal((RunState.Running, (DateTimeOffset?)null, (string?)null), (reopened!.State, reopened.FinishedAt, reopened.Error));
        var steps = await store.GetStepRunsAsync(run.Run.Id, None);
        Assert.Equal((StepState.Queued, T0.AddSeconds(10), StepState.Pending, 1), (steps[0].State, steps[0].ReadyAt!.Value, steps[1].State, steps[0].Attempts));
        Assert.Equal(1, steps[0].RetryBase);
        Assert.Null(steps[0].Error);
        Assert.Equal(RunState.Running, (await store.GetRunAsync(run.Run.Id, None))!.State);
        var again = Assert.Single(await store.ClaimStepsAsync("w1", 5, T0.AddSeconds(10), Lease, None));
        Assert.Equal(2, again.Key.Attempt);
    }
}
