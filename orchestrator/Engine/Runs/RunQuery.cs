namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>A page of the runs list, newest first; <see cref="Before"/> is the last run id of the previous page.</summary>
public sealed record RunQuery
{
    public string? WorkflowId { get; init; }

    public RunState? State { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Keyset paging: runs whose id sorts before this one.</summary>
    public string? Before { get; init; }

    public int Limit { get; init; } = 50;
}
