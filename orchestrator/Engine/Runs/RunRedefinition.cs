namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// Retrying a step and re-running from failure on the workflow's latest published version rather than the run's
/// own: the rules of <see cref="RunProgress"/> decide which steps run again, then those take the later version's
/// definition (spec, dependencies, version), steps the later version adds join the run, and the run records the
/// later version. The steps kept (their outputs are what the steps run again read) must be defined the same in both
/// versions, and every step of the run must still exist: otherwise the change is refused, naming the step, since the
/// run would mix outputs of two definitions; re-running all on the latest version is then the way.
/// </summary>
public static class RunRedefinition
{
    /// <summary><see cref="RunProgress.RetryStep"/> on <paramref name="to"/>'s version.</summary>
    public static RunChange RetryStep(RunRecord run, IReadOnlyList<StepRunRecord> steps, string stepId, RunVersionSwitch to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToList();
        var step = list[RunProgress.IndexOf(list, stepId)];
        var top = step.ParentStepId ?? stepId;
        var again = TopLevel(list, RunProgress.Downstream(list, top));
        // Retrying a partition (or a fanned-out step's failed ones) keeps its step's other partitions: the step is kept.
        if (step.ParentStepId is null && !(step.FansOut && list.Any(s => s.ParentStepId == stepId)))
        {
            again.Add(top);
        }

        return Apply(run, list, RunProgress.RetryStep(run, steps, stepId, now), again, to, now);
    }

    /// <summary><see cref="RunProgress.RetryFailed"/> on <paramref name="to"/>'s version.</summary>
    public static RunChange RetryFailed(RunRecord run, IReadOnlyList<StepRunRecord> steps, RunVersionSwitch to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var fannedOut = steps.Where(s => s.ParentStepId is not null).Select(s => s.ParentStepId!).ToHashSet(StringComparer.Ordinal);
        // A step that fanned out keeps its succeeded partitions (RunProgress.RetryFailed): it is kept, as its outputs are.
        var again = steps.Where(s => s.ParentStepId is null && s.State is not (StepState.Succeeded or StepState.Skipped) && !fannedOut.Contains(s.StepId))
            .Select(s => s.StepId).ToHashSet(StringComparer.Ordinal);
        return Apply(run, [.. steps], RunProgress.RetryFailed(run, steps, now), again, to, now);
    }

    private static RunChange Apply(RunRecord run, List<StepRunRecord> before, RunChange changed, HashSet<string> again, RunVersionSwitch to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(to);
        if (run.WorkflowVersion != to.FromVersion)
        {
            throw new RunChangeRefusedException($"run {run.Id} moved to version {run.WorkflowVersion} meanwhile; look at it again before re-running");
        }

        var rendered = to.Rendered.ToDictionary(s => s.StepId, StringComparer.Ordinal);
        foreach (var step in before.Where(s => s.ParentStepId is null))
        {
            if (!rendered.ContainsKey(step.StepId))
            {
                throw new RunChangeRefusedException(
                    $"version {to.ToVersion} has no step '{step.StepId}' any more, so this run cannot go on on it: re-run all on the latest version (v{to.ToVersion}) instead");
            }

            if (!again.Contains(step.StepId) && to.Before.TryGetValue(step.StepId, out var was)
                && StepDefinitionChanges.Between(was, to.After[step.StepId]) is { Count: > 0 } changes)
            {
                throw new RunChangeRefusedException(
                    $"step '{step.StepId}' changed from version {to.FromVersion} to {to.ToVersion} ({string.Join(", ", changes)}), and this re-run would keep its output " +
                    $"from version {to.FromVersion}: re-run all on the latest version (v{to.ToVersion}) instead");
            }
        }

        var list = changed.Steps.Select(s => Redefined(s, again, rendered, to.ToVersion, now)).ToList();
        var known = before.Select(s => s.StepId).ToHashSet(StringComparer.Ordinal);
        list.AddRange(to.Rendered.Where(s => !known.Contains(s.StepId)));
        var states = list.ToDictionary(s => s.StepId, s => s.State, StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            // Queued by the old graph, but the new definition waits for a step that has not succeeded (one it adds).
            if (list[i] is { ParentStepId: null, State: StepState.Queued } queued
                && queued.DependsOn.Any(d => states[d] is not (StepState.Succeeded or StepState.Skipped)))
            {
                list[i] = queued with { State = StepState.Pending, ReadyAt = null };
            }
        }

        return RunProgress.Settle(changed.Run with { WorkflowVersion = to.ToVersion }, list, now);
    }

    private static StepRunRecord Redefined(StepRunRecord step, HashSet<string> again, Dictionary<string, StepRunRecord> rendered, int version, DateTimeOffset now)
    {
        if (step.ParentStepId is null)
        {
            return again.Contains(step.StepId)
                ? step with { Spec = rendered[step.StepId].Spec, DependsOn = rendered[step.StepId].DependsOn, WorkflowVersion = version }
                : step;
        }

        if (!again.Contains(step.ParentStepId))
        {
            return step;
        }

        // A partition of a step that runs again: when the step fans out again it reuses the partition, which must
        // then run the new definition; a step no longer partitioned has no use for it.
        return rendered[step.ParentStepId].Spec.Partitions is { } plan
            ? step with { Spec = rendered[step.ParentStepId].Spec.ForPartition(step.PartitionKey!), MaxParallel = plan.MaxParallel, WorkflowVersion = version }
            : step with { State = StepState.Skipped, FinishedAt = now, Error = $"step '{step.ParentStepId}' is not partitioned in version {version}" };
    }

    private static HashSet<string> TopLevel(List<StepRunRecord> steps, HashSet<string> ids) =>
        steps.Where(s => s.ParentStepId is null && ids.Contains(s.StepId)).Select(s => s.StepId).ToHashSet(StringComparer.Ordinal);
}
