namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// Creating runs would leave a workflow with more queued runs (waiting for one of its active-run slots) than the
/// store was told to allow; nothing was created.
/// </summary>
public sealed class RunQueueFullException : Exception
{
    public RunQueueFullException(string workflowId, long queued, int adding, int limit)
        : base($"workflow '{workflowId}' has {queued} queued runs; {adding} more would pass the limit of {limit}")
    {
        WorkflowId = workflowId;
        Queued = queued;
        Adding = adding;
        Limit = limit;
    }

    public RunQueueFullException()
    {
    }

    public RunQueueFullException(string message)
        : base(message)
    {
    }

    public RunQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string WorkflowId { get; } = "";

    /// <summary>Runs of the workflow that were queued before this creation.</summary>
    public long Queued { get; }

    /// <summary>Queued runs this creation would have added.</summary>
    public int Adding { get; }

    public int Limit { get; }
}
