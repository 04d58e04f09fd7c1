namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// The rules of partitioned steps, part of <see cref="RunProgress"/>: a partitioned step's own step run claims no
/// program; its attempt finds the days (<see cref="AttemptResult.PartitionKeys"/>) and each becomes a step run of
/// its own (<c>&lt;step&gt;.&lt;day&gt;</c>, with its own attempts, retries, timeout, logs and lease), queued at once
/// in the plan's order. The step stays running until every partition has ended, then succeeds when all did, or
/// fails naming how many did not; the steps depending on it wait until then (a fan-in).
/// </summary>
public static class PartitionFanOut
{
    /// <summary>The step at <paramref name="index"/> fans out into <paramref name="keys"/>.</summary>
    public static List<StepRunRecord> Expand(List<StepRunRecord> steps, int index, IReadOnlyList<string> keys, DateTimeOffset now)
    {
        var parent = steps[index];
        var plan = parent.Spec.Partitions ?? throw new InvalidOperationException($"step '{parent.StepId}' is not partitioned");
        steps[index] = Reopened(parent) with { State = keys.Count == 0 ? StepState.Succeeded : StepState.Running, FinishedAt = keys.Count == 0 ? now : null };
        var ordered = plan.Order == Definitions.PartitionOrders.NewestFirst ? keys.OrderDescending(StringComparer.Ordinal) : keys.Order(StringComparer.Ordinal);
        var byId = steps.Select((s, i) => (s.StepId, i)).ToDictionary(p => p.StepId, p => p.i, StringComparer.Ordinal);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var key in ordered)
        {
            // Claims take the oldest ready first: ready times a millisecond apart, all already past, keep the order.
            var readyAt = now - TimeSpan.FromMilliseconds(keys.Count - n++);
            var id = StepRunRecord.PartitionStepId(parent.StepId, key);
            wanted.Add(id);
            if (byId.TryGetValue(id, out var existing))
            {
                // Fanned out before (its upstream was retried): the partition runs again, its attempts counted on.
                steps[existing] = RunProgress.Cleared(steps[existing], StepState.Queued, readyAt);
                continue;
            }

            steps.Add(new StepRunRecord
            {
                RunId = parent.RunId,
                StepId = id,
                State = StepState.Queued,
                ReadyAt = readyAt,
                Spec = parent.Spec.ForPartition(key),
                ParentStepId = parent.StepId,
                PartitionKey = key,
                MaxParallel = plan.MaxParallel,
                WorkflowVersion = parent.WorkflowVersion,
            });
        }

        // Partitions of an earlier fan-out that this one no longer has are not run.
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].ParentStepId == parent.StepId && !wanted.Contains(steps[i].StepId) && !steps[i].State.IsFinal())
            {
                steps[i] = steps[i] with { State = StepState.Skipped, FinishedAt = now, Error = "not a partition of the step's latest fan-out" };
            }
        }

        return steps;
    }

    /// <summary>
    /// Partitioned steps whose partitions have all ended end too: succeeded when every partition did, else failed
    /// saying how many failed and the first one's error. True when one changed.
    /// </summary>
    public static bool EndFinishedFanOuts(List<StepRunRecord> steps, DateTimeOffset now)
    {
        var changed = false;
        for (var i = 0; i < steps.Count; i++)
        {
            var parent = steps[i];
            if (!parent.FansOut || parent.State != StepState.Running || parent.LeaseOwner is not null)
            {
                continue;
            }

            var partitions = steps.Where(s => s.ParentStepId == parent.StepId).ToList();
            if (partitions.Count == 0 || !partitions.All(p => p.State.IsFinal()))
            {
                continue;
            }

            var failed = partitions.Where(p => p.State is not (StepState.Succeeded or StepState.Skipped)).ToList();
            steps[i] = failed.Count == 0
                ? parent with { State = StepState.Succeeded, FinishedAt = now, Error = null }
                : parent with
                {
                    State = StepState.Failed,
                    FinishedAt = now,
                    Error = $"{failed.Count} of {partitions.Count} partitions did not succeed; first {failed[0].PartitionKey}: {failed[0].Error ?? StateNames.Of(failed[0].State)}",
                };
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Retries one partition (<paramref name="index"/> is a partition), or every partition of a partitioned step that
    /// did not succeed (it is the step): those are queued, the step runs again until they end, and the steps
    /// downstream of it go back to pending; partitions that succeeded keep their output.
    /// </summary>
    public static List<StepRunRecord> Retry(List<StepRunRecord> steps, int index, DateTimeOffset now)
    {
        var step = steps[index];
        var parentId = step.ParentStepId ?? step.StepId;
        var parent = RunProgress.IndexOf(steps, parentId);
        var targets = step.ParentStepId is not null
            ? [index]
            : steps.Select((s, i) => (s, i)).Where(p => p.s.ParentStepId == parentId && p.s.State is StepState.Failed or StepState.Cancelled or StepState.UpstreamFailed).Select(p => p.i).ToList();
        if (step.ParentStepId is not null && step.State is StepState.Running or StepState.Queued or StepState.Pending or StepState.UpForRetry)
        {
            throw new RunChangeRefusedException($"partition '{step.StepId}' is {StateNames.Of(step.State)}; only an ended partition can be retried");
        }

        if (targets.Count == 0)
        {
            throw new RunChangeRefusedException($"no partition of step '{parentId}' failed or was cancelled: nothing to retry");
        }

        var downstream = RunProgress.Downstream(steps, parentId);
        downstream.ExceptWith(steps.Where(s => s.ParentStepId == parentId).Select(s => s.StepId));
        if (steps.FirstOrDefault(s => downstream.Contains(s.StepId) && s.State == StepState.Running) is { } running)
        {
            throw new RunChangeRefusedException($"step '{running.StepId}', downstream of '{parentId}', is running; wait for it to end or cancel the run first");
        }

        foreach (var i in targets)
        {
            steps[i] = RunProgress.Cleared(steps[i], StepState.Queued, now);
        }

        steps[parent] = Reopened(steps[parent]);
        for (var i = 0; i < steps.Count; i++)
        {
            if (downstream.Contains(steps[i].StepId))
            {
                steps[i] = RunProgress.Cleared(steps[i], StepState.Pending, null);
            }
        }

        return steps;
    }

    /// <summary>A partitioned step running again for its partitions: no lease (it runs no program), no end yet.</summary>
    public static StepRunRecord Reopened(StepRunRecord parent) => parent with
    {
        State = StepState.Running,
        FinishedAt = null,
        ExitCode = null,
        Error = null,
        LeaseOwner = null,
        LeaseExpiresAt = null,
    };
}
