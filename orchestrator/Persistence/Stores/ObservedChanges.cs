using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>
/// The run changes one writing transaction made, held until it commits: an observer must never hear of a change
/// that was rolled back. Cleared when the transaction's work starts over.
/// </summary>
internal sealed class ObservedChanges
{
    private readonly List<(string RunId, string WorkflowId, DateTimeOffset At)> _started = [];
    private readonly List<(RunChange Before, RunChange After)> _changed = [];

    public void Clear()
    {
        _started.Clear();
        _changed.Clear();
    }

    public void Started(string runId, string workflowId, DateTimeOffset at) => _started.Add((runId, workflowId, at));

    public void Changed(LockedRun before, RunChange after) =>
        _changed.Add((new RunChange(before.RunRecord, before.StepRecords), after));

    public void PublishTo(IRunObserver observer)
    {
        foreach (var (runId, workflowId, at) in _started)
        {
            observer.RunStarted(runId, workflowId, at);
        }

        foreach (var (before, after) in _changed)
        {
            observer.RunChanged(before, after);
        }
    }
}
