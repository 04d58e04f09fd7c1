namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// Which runs of one workflow a history grid shows: at most <see cref="Limit"/> runs, keyset-paged by run id (ids
/// sort by creation, <see cref="RunIds"/>). <see cref="Before"/> pages back in time, <see cref="After"/> forward; at
/// most one of them is set, and neither means the newest runs.
/// </summary>
public sealed record RunGridQuery
{
    public required string WorkflowId { get; init; }

    /// <summary>Only runs older than this run id.</summary>
    public string? Before { get; init; }

    /// <summary>Only runs newer than this run id: the page just after it.</summary>
    public string? After { get; init; }

    public int Limit { get; init; } = 100;
}

/// <summary>
/// A page of a workflow's runs, newest first, with every step run of those runs; <see cref="HasOlder"/> and
/// <see cref="HasNewer"/> say whether runs lie beyond the page either way.
/// </summary>
public sealed record RunGridPage(IReadOnlyList<RunRecord> Runs, IReadOnlyList<GridStepRun> StepRuns, bool HasOlder, bool HasNewer);

/// <summary>A step run as a grid cell shows it: no spec, log or lease, only state and timing.</summary>
public sealed record GridStepRun(
    string RunId, string StepId, int Ordinal, StepState State, int Attempts, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int? ExitCode);
