using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>Turns committed run changes into run metrics and the end of run spans, whichever path made them.</summary>
public sealed class RunTelemetry(OrchestrationMetrics metrics, RunTracing tracing) : IRunObserver
{
    public void RunStarted(string runId, string workflowId, DateTimeOffset at) => metrics.RunStarted(workflowId);

    public void RunChanged(RunChange before, RunChange after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var run = after.Run;
        if (!before.Run.State.IsFinal() && run.State.IsFinal())
        {
            var duration = (run.FinishedAt ?? run.CreatedAt) - (run.StartedAt ?? run.CreatedAt);
            metrics.RunFinished(run.WorkflowId, StateNames.Of(run.State), duration);
            tracing.EndRun(run);
        }

        var previous = before.Steps.ToDictionary(s => s.StepId, s => s.State, StringComparer.Ordinal);
        foreach (var step in after.Steps)
        {
            if (step.State == StepState.UpForRetry && previous.GetValueOrDefault(step.StepId) != StepState.UpForRetry)
            {
                metrics.StepRetried(run.WorkflowId, step.MetricStepId);
            }
        }
    }
}
