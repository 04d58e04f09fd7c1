using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Persistence;

[Collection(SharedPostgres.Name)]
public sealed class RunStoreTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static async Task<RunRecord> StartedAsync(IRunStore store, NewRun run)
    {
        await store.CreateRunAsync(run, None);
        Assert.Contains(run.Run.Id, await store.StartQueuedRunsAsync(_ => 100, T0, None));
        return (await store.GetRunAsync(run.Run.Id, None))!;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_run_is_stored_as_given_and_a_taken_dedup_key_creates_nothing(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var first = New("nightly", T0, Chain, dedupKey: "nightly@2027-01-15");
        var second = New("nightly", T0.AddSeconds(1), Chain, dedupKey: "nightly@2027-01-15");

        var created = await store.CreateRunAsync(first, None);
        var duplicate = await store.CreateRunAsync(second, None);
        var undeduplicated = await store.CreateRunAsync(New("nightly", T0.AddSeconds(2), Chain), None);

        Assert.Equal(first.Run with { Inputs = created!.Inputs }, created);
        Assert.Null(duplicate);
        Assert.NotNull(undeduplicated);
        Assert.Null(await store.GetRunAsync(second.Run.Id, None));
        var read = await store.GetRunAsync(first.Run.Id, None);
        Assert.Equal((RunState.Queued, "2027-01-14", T0.AddDays(-1)), (read!.State, read.Inputs["day"], read.LogicalDate!.Value));
        var steps = await store.GetStepRunsAsync(first.Run.Id, None);
        Assert.Equal(["a", "b"], steps.Select(s => s.StepId));
        Assert.Equal((StepState.Queued, StepState.Pending), (steps[0].State, steps[1].State));
        Assert.Equal(["a"], steps[1].DependsOn);
        Assert.Equal(first.Steps[0].Spec.Args, steps[0].Spec.Args);
        Assert.Equal("a", steps[0].Spec.Env["STEP"]);
        Assert.Equal(first.Steps[0].Spec with { Args = steps[0].Spec.Args, Env = steps[0].Spec.Env, UpstreamOutputs = steps[0].Spec.UpstreamOutputs }, steps[0].Spec);
        Assert.Equal(T0, steps[0].ReadyAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Claiming_and_completing_steps_runs_the_chain_to_success(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var run = New("nightly", T0, Chain);
        await store.CreateRunAsync(run, None);

        Assert.Empty(await store.ClaimStepsAsync("w1", 10, T0.AddMinutes(1), Lease, None));
        await StartedAsync(store, run);
        var claimed = Assert.Single(await store.ClaimStepsAsync("w1", 10, T0.AddSeconds(1), Lease, None));
        Assert.Equal(new AttemptKey(run.Run.Id, "a", 1), claimed.Key);
        Assert.Equal((StepState.Running, "w1", T0.AddSeconds(31), RunState.Running), (claimed.Step.State, claimed.Step.LeaseOwner, claimed.Step.LeaseExpiresAt!.Value, claimed.Run.State));
        Assert.Empty(await store.ClaimStepsAsync("w2", 10, T0.AddSeconds(2), Lease, None));

        Assert.True(await store.CompleteAttemptAsync(claimed.Key, "w1", Success, T0.AddSeconds(5), None));
        var steps = await store.GetStepRunsAsync(run.Run.Id, None);
        Assert.Equal((StepState.Succeeded, StepState.Queued, T0.AddSeconds(5)), (steps[0].State, steps[1].State, steps[1].ReadyAt!.Value));
        Assert.Null(steps[0].LeaseOwner);
        var next = Assert.Single(await store.ClaimStepsAsync("w2", 10, T0.AddSeconds(6), Lease, None));
        Assert.Equal("b", next.Step.StepId);
        Assert.True(await store.CompleteAttemptAsync(next.Key, "w2", Success, T0.AddSeconds(9), None));

        var after = await store.GetRunAsync(run.Run.Id, None);
        Assert.Equal((RunState.Succeeded, T0.AddSeconds(9), T0), (after!.State, after.FinishedAt!.Value, after.StartedAt!.Value));
        var attempts = await store.GetAttemptsAsync(run.Run.Id, None);
        Assert.Equal([("a", 1, "succeeded", "w1", 0), ("b", 1, "succeeded", "w2", 0)],
            attempts.Select(a => (a.StepId, a.Attempt, a.State, a.WorkerId, a.ExitCode ?? -1)));
        Assert.Equal(T0.AddSeconds(9), attempts[1].FinishedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Queued_runs_start_oldest_first_under_the_workflow_limit(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var runs = new[] { New("w", T0, Chain), New("w", T0.AddSeconds(1), Chain), New("w", T0.AddSeconds(2), Chain), New("other", T0.AddSeconds(3), Chain) };
        foreach (var run in runs)
        {
            await store.CreateRunAsync(run, None);
        }

        var first = await store.StartQueuedRunsAsync(w => w == "w" ? 2 : 1, T0.AddMinutes(1), None);
        var second = await store.StartQueuedRunsAsync(w => w == "w" ? 2 : 1, T0.AddMinutes(2), None);
        Assert.True(await store.CancelRunAsync(runs[0].Run.Id, "stop", T0.AddMinutes(3), None));
        var third = await store.StartQueuedRunsAsync(w => w == "w" ? 2 : 1, T0.AddMinutes(4), None);

        Assert.Equal([runs[0].Run.Id, runs[1].Run.Id, runs[3].Run.Id], first);
        Assert.Empty(second);
        Assert.Equal([runs[2].Run.Id], third);
        Assert.Equal(T0.AddMinutes(4), (await store.GetRunAsync(runs[2].Run.Id, None))!.StartedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_failed_attempt_waits_for_its_backoff_before_the_retry_is_claimed(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var run = New("w", T0, Chain, retries: 1);
        await StartedAsync(store, run);

        var first = Assert.Single(await store.ClaimStepsAsync("w1", 1, T0, Lease, None));
        Assert.True(await store.CompleteAttemptAsync(first.Key, "w1", Failure, T0.AddSeconds(1), None));
        var waiting = (await store.GetStepRunsAsync(run.Run.Id, None))[0];
        Assert.Equal((StepState.UpForRetry, T0.AddSeconds(11), "exit code 1"), (waiting.State, waiting.ReadyAt!.Value, waiting.Error));
        Assert.Empty(await store.ClaimStepsAsync("w1", 1, T0.AddSeconds(10), Lease, None));
        var retry = Assert.Single(await store.ClaimStepsAsync("w1", 1, T0.AddSeconds(11), Lease, None));
        Assert.Equal(2, retry.Key.Attempt);
        Assert.True(await store.CompleteAttemptAsync(retry.Key, "w1", Failure, T0.AddSeconds(12), None));

        var after = await store.GetRunAsync(run.Run.Id, None);
        Assert.Equal(RunState.Failed, after!.State);
        Assert.Equal(StepState.UpstreamFailed, (await store.GetStepRunsAsync(run.Run.Id, None))[1].State);
        Assert.Equal(["failed", "failed"], (await store.GetAttemptsAsync(run.Run.Id, None)).Select(a => a.State));
    }
}
