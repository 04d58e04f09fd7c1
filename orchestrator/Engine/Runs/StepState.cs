namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>A step run's state; stored in kebab-case (<c>up-for-retry</c>, <c>upstream-failed</c>).</summary>
public enum StepState
{
    /// <summary>Waiting for its upstream steps.</summary>
    Pending,

    /// <summary>Ready to be claimed by a worker from <see cref="StepRunRecord.ReadyAt"/> on.</summary>
    Queued,

    Running,
    Succeeded,
    Failed,

    /// <summary>An attempt failed and another is due at <see cref="StepRunRecord.ReadyAt"/> (backoff).</summary>
    UpForRetry,

    /// <summary>Not run, by decision (kept for definitions that skip steps); counts as done for downstream steps.</summary>
    Skipped,

    /// <summary>Not run because a step it depends on failed, was cancelled or did not run.</summary>
    UpstreamFailed,

    Cancelled,
}
