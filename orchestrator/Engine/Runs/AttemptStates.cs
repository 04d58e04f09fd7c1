namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>Values of <see cref="AttemptRecord.State"/>.</summary>
public static class AttemptStates
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string TimedOut = "timed-out";
    public const string Lost = "lost";
    public const string Cancelled = "cancelled";
}
