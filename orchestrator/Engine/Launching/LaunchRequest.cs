namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>A request to start a run of a workflow's published version (the latest when <see cref="Version"/> is null).</summary>
public sealed record LaunchRequest
{
    public required string WorkflowId { get; init; }

    public int? Version { get; init; }

    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary><c>manual</c>, <c>cron</c>, <c>http</c>, <c>backfill</c> or <c>rerun</c>.</summary>
    public string TriggeredBy { get; init; } = "manual";

    /// <summary>The user who asked for the run (null: the scheduler, or the command line).</summary>
    public string? StartedBy { get; init; }

    /// <summary>The date the run is about; now when absent.</summary>
    public DateTimeOffset? LogicalDate { get; init; }

    /// <summary>When set, at most one run is ever created for it (a cron due time, a backfill day).</summary>
    public string? DedupKey { get; init; }
}
