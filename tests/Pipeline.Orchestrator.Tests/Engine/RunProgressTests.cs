using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Tests.Engine;

public sealed class RunProgressTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    // chunk -> features -> train, and features -> report
    private static (RunRecord Run, List<StepRunRecord> Steps) Diamondless()
    {
        var run = new RunRecord { Id = "r1", WorkflowId = "w", WorkflowVersion = 1, State = RunState.Running, TriggeredBy = "manual", CreatedAt = Now };
        List<StepRunRecord> steps =
        [
            Step("chunk", [], StepState.Queued),
            Step("features", ["chunk"], StepState.Pending),
            Step("train", ["features"], StepState.Pending),
            Step("report", ["features"], StepState.Pending),
        ];
        return (run, steps);
    }

    private static StepRunRecord Step(string id, string[] dependsOn, StepState state, int retries = 0) => new()
    {
        RunId = "r1",
        StepId = id,
        DependsOn = dependsOn,
        State = state,
        Attempts = state == StepState.Queued ? 0 : 0,
        Spec = new StepSpec { Command = "/bin/true", OutputFolder = "/x/" + id, Retry = new() { Retries = retries, InitialDelaySeconds = 10 } },
    };

    private static StepState StateOf(RunChange change, string id) => change.Steps.Single(s => s.StepId == id).State;

    [Fact]
    public void A_succeeded_step_queues_the_steps_whose_upstream_all_succeeded()
    {
        var (run, steps) = Diamondless();
        steps[0] = steps[0] with { State = StepState.Running, Attempts = 1 };

        var change = RunProgress.AfterAttempt(run, steps, "chunk", new AttemptResult(AttemptStates.Succeeded, 0, null, true), Now);

        Assert.Equal(StepState.Succeeded, StateOf(change, "chunk"));
        Assert.Equal(StepState.Queued, StateOf(change, "features"));
        Assert.Equal(StepState.Pending, StateOf(change, "train"));
        Assert.Equal(RunState.Running, change.Run.State);
    }

    [Fact]
    public void A_retryable_failure_with_retries_left_waits_for_its_backoff()
    {
        var (run, steps) = Diamondless();
        steps[0] = steps[0] with { State = StepState.Running, Attempts = 1, Spec = steps[0].Spec with { Retry = new() { Retries = 2, InitialDelaySeconds = 10, BackoffMultiplier = 3 } } };

        var first = RunProgress.AfterAttempt(run, steps, "chunk", new AttemptResult(AttemptStates.Failed, 75, "db down", true), Now);
        var afterSecond = RunProgress.AfterAttempt(run, [.. first.Steps.Select(s => s.StepId == "chunk" ? s with { State = StepState.Running, Attempts = 2 } : s)],
            "chunk", new AttemptResult(AttemptStates.Failed, 75, "db down", true), Now);

        Assert.Equal(StepState.UpForRetry, StateOf(first, "chunk"));
        Assert.Equal(Now.AddSeconds(10), first.Steps[0].ReadyAt);
        Assert.Equal(Now.AddSeconds(30), afterSecond.Steps[0].ReadyAt);
    }

    [Fact]
    public void An_attempt_its_server_lost_is_tried_again_at_once_without_spending_a_retry_a_few_times()
    {
        var (run, steps) = Diamondless();
        // No retries at all: a deploy or a killed server must still not fail the run.
        steps[0] = steps[0] with { State = StepState.Running, Attempts = 1 };
        var lost = new AttemptResult(AttemptStates.Lost, null, "server a shut down during the attempt", Retryable: true);

        var change = RunProgress.AfterAttempt(run, steps, "chunk", lost, Now);

        var chunk = change.Steps[0];
        Assert.Equal((StepState.UpForRetry, Now, 1), (chunk.State, chunk.ReadyAt, chunk.RetryBase));
        // Lost again and again (the step may be what kills its servers): then it spends retries like a failure.
        var again = RunProgress.AfterAttempt(run, [chunk with { State = StepState.Running, Attempts = 4, RetryBase = 3 }, .. steps[1..]], "chunk",
            lost with { PriorInterruptions = RunProgress.MaxFreeInterruptions }, Now);
        Assert.Equal(StepState.Failed, StateOf(again, "chunk"));
        Assert.Equal(RunState.Failed, again.Run.State);
    }

    [Fact]
    public void A_failure_that_retrying_cannot_help_fails_at_once_and_fails_the_downstream_and_the_run()
    {
        var (run, steps) = Diamondless();
        steps[0] = steps[0] with { State = StepState.Running, Attempts = 1, Spec = steps[0].Spec with { Retry = new() { Retries = 5 } } };

        var change = RunProgress.AfterAttempt(run, steps, "chunk", new AttemptResult(AttemptStates.Failed, 65, "bad csv", false), Now);

        Assert.Equal(StepState.Failed, StateOf(change, "chunk"));
        Assert.All(change.Steps.Skip(1), s => Assert.Equal(StepState.UpstreamFailed, s.State));
        Assert.Equal(RunState.Failed, change.Run.State);
        Assert.Contains("chunk", change.Run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Retrying_a_failed_step_clears_its_downstream_and_keeps_its_upstream()
    {
        var (run, steps) = Diamondless();
        run = run with { State = RunState.Failed, FinishedAt = Now };
        steps = [
            steps[0] with { State = StepState.Succeeded, Attempts = 1 },
            steps[1] with { State = StepState.Failed, Attempts = 1, Error = "boom" },
            steps[2] with { State = StepState.UpstreamFailed },
            steps[3] with { State = StepState.UpstreamFailed },
        ];

        var change = RunProgress.RetryStep(run, steps, "features", Now);

        Assert.Equal(StepState.Succeeded, StateOf(change, "chunk"));
        Assert.Equal(StepState.Queued, StateOf(change, "features"));
        Assert.Equal(StepState.Pending, StateOf(change, "train"));
        Assert.Equal(StepState.Pending, StateOf(change, "report"));
        Assert.Equal(1, change.Steps[1].Attempts);
        Assert.Equal(RunState.Running, change.Run.State);
        Assert.Null(change.Run.FinishedAt);
    }

    [Fact]
    public void A_step_retried_by_hand_gets_its_retries_again()
    {
        var (run, steps) = Diamondless();
        var spec = steps[0].Spec with { Retry = new() { Retries = 1, InitialDelaySeconds = 10 } };
        run = run with { State = RunState.Failed };
        steps = [steps[0] with { State = StepState.Failed, Attempts = 2, Spec = spec }, steps[1] with { State = StepState.UpstreamFailed }, steps[2] with { State = StepState.UpstreamFailed }, steps[3] with { State = StepState.UpstreamFailed }];

        var retried = RunProgress.RetryStep(run, steps, "chunk", Now);
        var third = retried.Steps.Select(s => s.StepId == "chunk" ? s with { State = StepState.Running, Attempts = 3 } : s).ToList();
        var afterThird = RunProgress.AfterAttempt(retried.Run, third, "chunk", new AttemptResult(AttemptStates.Failed, 70, "again", true), Now);

        Assert.Equal(2, retried.Steps[0].RetryBase);
        Assert.Equal(StepState.UpForRetry, StateOf(afterThird, "chunk"));
        Assert.Equal(Now.AddSeconds(10), afterThird.Steps[0].ReadyAt);
    }

    [Fact]
    public void Retrying_a_step_whose_upstream_did_not_succeed_is_refused_with_the_step_to_retry_instead()
    {
        var (run, steps) = Diamondless();
        run = run with { State = RunState.Failed };
        steps = [steps[0] with { State = StepState.Failed }, steps[1] with { State = StepState.UpstreamFailed }, steps[2] with { State = StepState.UpstreamFailed }, steps[3] with { State = StepState.UpstreamFailed }];

        var refused = Assert.Throws<RunChangeRefusedException>(() => RunProgress.RetryStep(run, steps, "train", Now));

        Assert.Contains("'features'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retrying_a_step_while_a_step_downstream_of_it_runs_is_refused()
    {
        var (run, steps) = Diamondless();
        steps = [steps[0] with { State = StepState.Succeeded }, steps[1] with { State = StepState.Running, Attempts = 1 }, steps[2], steps[3]];

        var refused = Assert.Throws<RunChangeRefusedException>(() => RunProgress.RetryStep(run, steps, "chunk", Now));

        Assert.Contains("'features'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_ends_every_unfinished_step_and_the_run()
    {
        var (run, steps) = Diamondless();
        steps[0] = steps[0] with { State = StepState.Running, LeaseOwner = "w1" };

        var change = RunProgress.Cancel(run, steps, "by alice", Now);

        Assert.All(change.Steps, s => Assert.Equal(StepState.Cancelled, s.State));
        Assert.Null(change.Steps[0].LeaseOwner);
        Assert.Equal(RunState.Cancelled, change.Run.State);
        Assert.Throws<RunChangeRefusedException>(() => RunProgress.Cancel(change.Run, change.Steps, "again", Now));
    }

    [Fact]
    public void A_paused_run_keeps_its_steps_and_an_attempt_that_ends_meanwhile_is_recorded_and_its_retry_waits()
    {
        var (run, steps) = Diamondless();
        steps[0] = steps[0] with { State = StepState.Running, Attempts = 1, LeaseOwner = "w1", Spec = steps[0].Spec with { Retry = new() { Retries = 1 } } };

        var paused = RunProgress.Pause(run, steps, Now);
        var failedMeanwhile = RunProgress.AfterAttempt(paused.Run, paused.Steps, "chunk", new AttemptResult(AttemptStates.Failed, 75, "db down", true), Now);

        Assert.Equal(RunState.Paused, paused.Run.State);
        Assert.Equal(steps, paused.Steps);
        Assert.Equal(StepState.UpForRetry, StateOf(failedMeanwhile, "chunk"));
        Assert.Equal(RunState.Paused, failedMeanwhile.Run.State);
        Assert.Throws<RunChangeRefusedException>(() => RunProgress.Pause(paused.Run, paused.Steps, Now));
    }

    [Fact]
    public void A_resumed_run_is_queued_again_and_a_step_retried_while_paused_waits_for_the_resume()
    {
        var (run, steps) = Diamondless();
        steps[0] = steps[0] with { State = StepState.Failed, Attempts = 1 };
        var paused = RunProgress.Pause(run, steps, Now);

        var retried = RunProgress.RetryStep(paused.Run, paused.Steps, "chunk", Now);
        var resumed = RunProgress.Resume(retried.Run, retried.Steps, Now);

        Assert.Equal(RunState.Paused, retried.Run.State);
        Assert.Equal(StepState.Queued, StateOf(retried, "chunk"));
        Assert.Equal(RunState.Queued, resumed.Run.State);
        Assert.Throws<RunChangeRefusedException>(() => RunProgress.Resume(resumed.Run, resumed.Steps, Now));
        Assert.Throws<RunChangeRefusedException>(() => RunProgress.Pause(run with { State = RunState.Succeeded }, steps, Now));
    }
}
