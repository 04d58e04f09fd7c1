namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>A step attempt a worker has just claimed: the step (now running, attempt counted) and its run.</summary>
public sealed record ClaimedStep(RunRecord Run, StepRunRecord Step)
{
    public AttemptKey Key => new(Step.RunId, Step.StepId, Step.Attempts);
}
