namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>A run's state; stored as its lower-case name.</summary>
public enum RunState
{
    /// <summary>Created, waiting for a slot under the workflow's limit of active runs.</summary>
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
