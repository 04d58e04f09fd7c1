namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>A run's state; stored as its lower-case name.</summary>
public enum RunState
{
    /// <summary>Created, waiting for a slot under the workflow's limit of active runs.</summary>
    Queued,
    Running,

    /// <summary>
    /// Paused by an operator (a long backfill, say): no step of it starts, the attempts already running finish, and
    /// it holds no slot of its workflow. Resumed, it is queued again and goes on where it stopped.
    /// </summary>
    Paused,
    Succeeded,
    Failed,
    Cancelled,
}
