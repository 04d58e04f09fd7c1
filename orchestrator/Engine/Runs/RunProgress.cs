namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// The rules of a run, as pure functions from a run and its steps to the run and steps after an event. Stores call
/// them inside the transaction that holds the run's lock, so the rules live here once for every database.
/// </summary>
public static class RunProgress
{
    /// <summary>An attempt ended: the step succeeds, waits for a retry (backoff) or fails; then the run settles.</summary>
    /// <summary>Lost attempts of a step that do not spend its retries; later ones do.</summary>
    public const int MaxFreeInterruptions = 3;

    public static RunChange AfterAttempt(RunRecord run, IReadOnlyList<StepRunRecord> steps, string stepId, AttemptResult result, DateTimeOffset now)
    {
        var list = steps.ToList();
        var i = IndexOf(list, stepId);
        if (result.Succeeded && result.PartitionKeys is { } keys && list[i].FansOut)
        {
            return Settle(run, PartitionFanOut.Expand(list, i, keys, now), now);
        }

        list[i] = Ended(run, list[i], result, now);
        return Settle(run, list, now);
    }

    /// <summary>
    /// The step after its attempt ended, on its own: succeeded, up for retry (backoff) or failed. All that changes
    /// when one partition of several still running ends, so the store records that without reading the others.
    /// </summary>
    public static StepRunRecord Ended(RunRecord run, StepRunRecord step, AttemptResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(result);
        step = step with { LeaseOwner = null, LeaseExpiresAt = null, ExitCode = result.ExitCode, Error = result.Error };
        if (result.State == AttemptStates.Lost && result.PriorInterruptions < MaxFreeInterruptions && !run.State.IsFinal())
        {
            // Its server was shut down, killed or cut off: that says nothing about the step, so it is tried again at
            // once without spending one of its retries (a deploy must not fail runs). A step lost again and again may
            // be what kills its servers, so after a few the lost attempts count as failures do.
            return step with { State = StepState.UpForRetry, ReadyAt = now, RetryBase = step.RetryBase + 1 };
        }

        // Counted from the last manual retry, so retrying a step by hand gives it its retries again.
        var attemptsSinceReset = step.Attempts - step.RetryBase;
        var retriesLeft = attemptsSinceReset <= step.Spec.Retry.Retries;
        return result.Succeeded ? step with { State = StepState.Succeeded, FinishedAt = now, Error = null }
            : result.Retryable && retriesLeft && !run.State.IsFinal()
                ? step with { State = StepState.UpForRetry, ReadyAt = now + step.Spec.Retry.DelayBefore(Math.Max(attemptsSinceReset, 1)) }
                : step with { State = StepState.Failed, FinishedAt = now };
    }

    /// <summary>
    /// Pending steps whose upstream steps all succeeded (or were skipped) become queued; those with an upstream step
    /// that failed, was cancelled or upstream-failed become upstream-failed. When every step has ended, so has the run.
    /// </summary>
    public static RunChange Settle(RunRecord run, IReadOnlyList<StepRunRecord> steps, DateTimeOffset now)
    {
        var list = steps.ToList();
        var byId = list.Select((s, i) => (s.StepId, i)).ToDictionary(p => p.StepId, p => p.i);
        bool changed;
        do
        {
            changed = PartitionFanOut.EndFinishedFanOuts(list, now);
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].State != StepState.Pending)
                {
                    continue;
                }

                if (list[i].ParentStepId is { } parent)
                {
                    // A partition waits for its step's fan-out (again, after a retry upstream); then it is ready.
                    if (list[byId[parent]] is { State: StepState.Running, LeaseOwner: null })
                    {
                        list[i] = list[i] with { State = StepState.Queued, ReadyAt = now };
                        changed = true;
                    }

                    continue;
                }

                var upstream = list[i].DependsOn.Select(d => list[byId[d]].State).ToList();
                if (upstream.Any(s => s is StepState.Failed or StepState.UpstreamFailed or StepState.Cancelled))
                {
                    list[i] = list[i] with { State = StepState.UpstreamFailed, FinishedAt = now };
                    changed = true;
                }
                else if (upstream.All(s => s is StepState.Succeeded or StepState.Skipped))
                {
                    list[i] = list[i] with { State = StepState.Queued, ReadyAt = now };
                    changed = true;
                }
            }
        }
        while (changed);

        return new RunChange(Conclude(run, list, now), list);
    }

    /// <summary>Cancels every step that has not ended, and the run.</summary>
    public static RunChange Cancel(RunRecord run, IReadOnlyList<StepRunRecord> steps, string reason, DateTimeOffset now)
    {
        if (run.State.IsFinal())
        {
            throw new RunChangeRefusedException($"run {run.Id} has already ended ({StateNames.Of(run.State)})");
        }

        var list = steps.Select(s => s.State.IsFinal() ? s : s with { State = StepState.Cancelled, FinishedAt = now, LeaseOwner = null, LeaseExpiresAt = null }).ToList();
        return new RunChange(run with { State = RunState.Cancelled, FinishedAt = now, Error = reason, StartedAt = run.StartedAt ?? now }, list);
    }

    /// <summary>
    /// Pauses a queued or running run: no step of it is claimed until it is resumed (claims take only running runs),
    /// while attempts already running finish and are recorded; its retries wait. It gives up its workflow's slot.
    /// </summary>
    public static RunChange Pause(RunRecord run, IReadOnlyList<StepRunRecord> steps, DateTimeOffset now)
    {
        if (run.State is not (RunState.Queued or RunState.Running))
        {
            throw new RunChangeRefusedException($"run {run.Id} is {StateNames.Of(run.State)}; only a queued or running run can be paused");
        }

        return new RunChange(run with { State = RunState.Paused }, [.. steps]);
    }

    /// <summary>
    /// Resumes a paused run: it is queued again, and starts (keeping when it first started) once its workflow has a
    /// free slot; its ready steps are then claimed as before.
    /// </summary>
    public static RunChange Resume(RunRecord run, IReadOnlyList<StepRunRecord> steps, DateTimeOffset now)
    {
        if (run.State != RunState.Paused)
        {
            throw new RunChangeRefusedException($"run {run.Id} is {StateNames.Of(run.State)}; only a paused run can be resumed");
        }

        return new RunChange(run with { State = RunState.Queued }, [.. steps]);
    }

    /// <summary>
    /// Runs one step again in the same run: it is queued, every step downstream of it goes back to pending, and the
    /// steps upstream keep their outputs. Refused while the step runs, or when a step it depends on has not succeeded.
    /// </summary>
    public static RunChange RetryStep(RunRecord run, IReadOnlyList<StepRunRecord> steps, string stepId, DateTimeOffset now)
    {
        var list = steps.ToList();
        var i = IndexOf(list, stepId);
        var step = list[i];
        if (step.ParentStepId is not null || (step.FansOut && list.Any(s => s.ParentStepId == stepId)))
        {
            return Reopen(run, PartitionFanOut.Retry(list, i, now), now);
        }

        if (step.State is StepState.Running or StepState.Queued or StepState.Pending or StepState.UpForRetry)
        {
            throw new RunChangeRefusedException($"step '{stepId}' of run {run.Id} is {StateNames.Of(step.State)}; only an ended step can be retried");
        }

        if (step.DependsOn.FirstOrDefault(d => list[IndexOf(list, d)].State is not (StepState.Succeeded or StepState.Skipped)) is { } blocking)
        {
            throw new RunChangeRefusedException($"step '{stepId}' depends on '{blocking}', which has not succeeded: retry '{blocking}' instead");
        }

        var downstream = Downstream(list, stepId);
        if (list.FirstOrDefault(s => downstream.Contains(s.StepId) && s.State == StepState.Running) is { } running)
        {
            // Clearing it would leave its process writing on and its attempt open; it must end (or be cancelled) first.
            throw new RunChangeRefusedException($"step '{running.StepId}', downstream of '{stepId}', is running; wait for it to end or cancel the run first");
        }

        for (var j = 0; j < list.Count; j++)
        {
            if (j == i)
            {
                list[j] = Cleared(list[j], StepState.Queued, now);
            }
            else if (downstream.Contains(list[j].StepId))
            {
                list[j] = Cleared(list[j], StepState.Pending, null);
            }
        }

        return Reopen(run, list, now);
    }

    /// <summary>
    /// An editor's override of a step's failed gate (it exited 79, <c>blocked</c>): recorded on the step with who
    /// and why, and the step retried as <see cref="RetryStep"/> does; its next attempts pass the gate.
    /// </summary>
    public static RunChange OverrideGate(RunRecord run, IReadOnlyList<StepRunRecord> steps, string stepId, string overriddenBy, DateTimeOffset now)
    {
        var step = steps[IndexOf([.. steps], stepId)];
        if (step is not { State: StepState.Failed, ExitCode: Runners.StepExitCodes.GateBlocked })
        {
            throw new RunChangeRefusedException($"step '{stepId}' of run {run.Id} was not blocked by a gate (it is {StateNames.Of(step.State)}, exit code {step.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
        }

        var retried = RetryStep(run, steps, stepId, now);
        return retried with { Steps = [.. retried.Steps.Select(s => s.StepId == stepId ? s with { GateOverride = overriddenBy } : s)] };
    }

    /// <summary>
    /// Re-runs what did not succeed in an ended run: failed and cancelled steps whose upstream steps succeeded are
    /// queued, the other unfinished steps go back to pending; succeeded steps keep their outputs.
    /// </summary>
    public static RunChange RetryFailed(RunRecord run, IReadOnlyList<StepRunRecord> steps, DateTimeOffset now)
    {
        if (!run.State.IsFinal())
        {
            throw new RunChangeRefusedException($"run {run.Id} is {StateNames.Of(run.State)}; re-run from failure applies to an ended run");
        }

        if (run.State == RunState.Succeeded)
        {
            throw new RunChangeRefusedException($"run {run.Id} succeeded: nothing failed to re-run");
        }

        var fannedOut = steps.Where(s => s.ParentStepId is not null).Select(s => s.ParentStepId!).ToHashSet(StringComparer.Ordinal);
        // A step that fanned out keeps its partitions: those that did not succeed run again, the others keep their output.
        var list = steps.Select(s => s.State is StepState.Succeeded or StepState.Skipped ? s
            : fannedOut.Contains(s.StepId) ? PartitionFanOut.Reopened(s)
            : Cleared(s, StepState.Pending, null)).ToList();
        return Reopen(run, list, now);
    }

    /// <summary>Every step that depends on <paramref name="stepId"/>, directly or not.</summary>
    public static HashSet<string> Downstream(IReadOnlyList<StepRunRecord> steps, string stepId)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Queue<string>([stepId]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var s in steps.Where(s => s.DependsOn.Contains(current, StringComparer.Ordinal)))
            {
                if (found.Add(s.StepId))
                {
                    frontier.Enqueue(s.StepId);
                }
            }
        }

        // The partitions of a partitioned step downstream go with it.
        foreach (var partition in steps.Where(s => s.ParentStepId is { } parent && found.Contains(parent)).ToList())
        {
            found.Add(partition.StepId);
        }

        return found;
    }

    // A paused run stays paused: retrying one of its steps queues the step, which starts when the run is resumed.
    internal static RunChange Reopen(RunRecord run, List<StepRunRecord> steps, DateTimeOffset now) =>
        Settle(run with { State = run.State == RunState.Paused ? RunState.Paused : RunState.Running, FinishedAt = null, Error = null, StartedAt = run.StartedAt ?? now }, steps, now);

    internal static StepRunRecord Cleared(StepRunRecord step, StepState state, DateTimeOffset? readyAt) => step with
    {
        State = state,
        RetryBase = step.Attempts,
        ReadyAt = readyAt,
        StartedAt = null,
        FinishedAt = null,
        ExitCode = null,
        Error = null,
        LeaseOwner = null,
        LeaseExpiresAt = null,
    };

    private static RunRecord Conclude(RunRecord run, List<StepRunRecord> steps, DateTimeOffset now)
    {
        if (run.State.IsFinal() || !steps.All(s => s.State.IsFinal()))
        {
            return run;
        }

        // A partitioned step's own failure names how many of its partitions failed: it speaks for them.
        var failed = steps.FirstOrDefault(s => s.State == StepState.Failed && s.ParentStepId is null) ?? steps.FirstOrDefault(s => s.State == StepState.Failed);
        return failed is null && steps.All(s => s.State is StepState.Succeeded or StepState.Skipped)
            ? run with { State = RunState.Succeeded, FinishedAt = now, Error = null }
            : run with { State = RunState.Failed, FinishedAt = now, Error = failed is null ? "a step did not run" : $"step '{failed.StepId}' failed: {failed.Error}" };
    }

    internal static int IndexOf(List<StepRunRecord> steps, string stepId)
    {
        var i = steps.FindIndex(s => s.StepId == stepId);
        return i >= 0 ? i : throw new RunChangeRefusedException($"the run has no step '{stepId}'");
    }
}
