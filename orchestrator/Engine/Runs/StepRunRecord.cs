namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>One step of one run: its state, current attempt and lease.</summary>
public sealed record StepRunRecord
{
    public required string RunId { get; init; }

    public required string StepId { get; init; }

    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public required StepState State { get; init; }

    /// <summary>Attempts started so far (0 before the first).</summary>
    public int Attempts { get; init; }

    /// <summary>Attempts made before the step was last retried by hand; its retries count from there.</summary>
    public int RetryBase { get; init; }

    /// <summary>When a queued or up-for-retry step may be claimed.</summary>
    public DateTimeOffset? ReadyAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>
    /// Who overrode the step's failed gate and why (<c>"ada: recalibrated"</c>), set by <see cref="RunProgress.OverrideGate"/>;
    /// its later attempts get it as <c>PIPELINE_GATE_OVERRIDE</c>.
    /// </summary>
    public string? GateOverride { get; init; }

    public string? Error { get; init; }

    /// <summary>The worker holding the running attempt, and until when; a lapsed lease is taken over.</summary>
    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseExpiresAt { get; init; }

    public required StepSpec Spec { get; init; }

    /// <summary>
    /// The published version whose definition <see cref="Spec"/> and <see cref="DependsOn"/> were rendered from: the
    /// run's version, unless the step was re-run on a later one (<see cref="RunRedefinition"/>). Null in step runs
    /// made without one (read as the run's version).
    /// </summary>
    public int? WorkflowVersion { get; init; }

    /// <summary>For one partition of a partitioned step: that step's id (this one's is <c>&lt;parent&gt;.&lt;day&gt;</c>).</summary>
    public string? ParentStepId { get; init; }

    /// <summary>For one partition of a partitioned step: its day, <c>yyyy-MM-dd</c>.</summary>
    public string? PartitionKey { get; init; }

    /// <summary>For one partition: at most this many partitions of its step run at once, over every server.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>A partitioned step's own step run: it fans out into partitions rather than running a program.</summary>
    public bool FansOut => Spec.Partitions is not null;

    /// <summary>
    /// The step's id as metrics label it: a partition counts for its step, so a fan-out of a thousand days adds no
    /// thousand series.
    /// </summary>
    public string MetricStepId => ParentStepId ?? StepId;

    /// <summary>The id of the step run of partition <paramref name="key"/> of step <paramref name="parent"/>.</summary>
    public static string PartitionStepId(string parent, string key) => parent + "." + key;
}
