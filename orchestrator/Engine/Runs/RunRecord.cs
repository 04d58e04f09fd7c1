namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>A stored run of one published workflow version.</summary>
public sealed record RunRecord
{
    /// <summary>Sortable and unique: <c>yyyyMMddTHHmmss-</c> plus 8 random hex digits, made by <see cref="RunIds"/>.</summary>
    public required string Id { get; init; }

    public required string WorkflowId { get; init; }

    public required int WorkflowVersion { get; init; }

    public required RunState State { get; init; }

    /// <summary><c>manual</c>, <c>cron</c>, <c>http</c>, <c>backfill</c> or <c>rerun</c>.</summary>
    public required string TriggeredBy { get; init; }

    /// <summary>The user who started the run through the API, UI or a hook; null for cron and the command line.</summary>
    public string? StartedBy { get; init; }

    /// <summary>
    /// The run this one waits for: it stays queued until that run has ended, whatever its outcome (a backfill asked
    /// for with its upstream waits for the run making the upstream days; a day still missing then fails alone).
    /// </summary>
    public string? WaitsFor { get; init; }

    /// <summary>The date the run is about (a cron run's due time, a backfill's day); templates see it.</summary>
    public DateTimeOffset? LogicalDate { get; init; }

    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the run failed or was cancelled, in a sentence.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The run's W3C trace context (<c>00-trace-span-flags</c>), made at creation; each step attempt's span is its
    /// child and each step gets the attempt's context as <c>TRACEPARENT</c>. Null for runs made before it existed.
    /// </summary>
    public string? TraceParent { get; init; }
}
