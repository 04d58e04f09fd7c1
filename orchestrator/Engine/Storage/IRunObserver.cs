using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Storage;

/// <summary>
/// Hears about changes of runs after the store has committed them, on the server that made the change: how metrics
/// and traces see runs start and finish whichever path ended them (a step, a cancel, a lapsed lease, a retry).
/// Called synchronously after the commit: implementations must be quick and must not throw.
/// </summary>
public interface IRunObserver
{
    /// <summary>A queued run got a slot of its workflow and is running.</summary>
    void RunStarted(string runId, string workflowId, DateTimeOffset at);

    /// <summary>A run and its steps changed: <paramref name="before"/> as read under the run's lock, then <paramref name="after"/>.</summary>
    void RunChanged(RunChange before, RunChange after);
}

/// <summary>The observer of a store nobody listens to (tools, tests).</summary>
public sealed class NoRunObserver : IRunObserver
{
    public static readonly NoRunObserver Instance = new();

    public void RunStarted(string runId, string workflowId, DateTimeOffset at)
    {
    }

    public void RunChanged(RunChange before, RunChange after)
    {
    }
}
