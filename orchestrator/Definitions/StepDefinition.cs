namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// One node of the DAG: what to run (exactly one of <see cref="Program"/>, <see cref="Command"/>, <see cref="Image"/>),
/// its arguments and environment (templates such as <c>${{ inputs.day }}</c>), what it waits for, and how
/// it is retried and stopped.
/// </summary>
public sealed record StepDefinition
{
    /// <summary>Unique in the workflow: lower-case letters, digits and dashes.</summary>
    public required string Id { get; init; }

    public string? Name { get; init; }

    /// <summary>One of the pipeline's step programs (<c>chunker</c>, <c>feature-creator</c>, <c>cluster-train</c>,
    /// <c>cluster-predict</c>); each runner knows where it lives (a built program, an image).</summary>
    public string? Program { get; init; }

    /// <summary>Any executable, by absolute path or on the server's PATH (process runner only).</summary>
    public string? Command { get; init; }

    /// <summary>A container image (container runner only).</summary>
    public string? Image { get; init; }

    /// <summary>
    /// Where the step runs, overriding the server's <c>Runner:Default</c> for this step: <c>process</c> or
    /// <c>docker</c> (<see cref="StepRunners"/>). Absent: the server's choice.
    /// </summary>
    public string? Runner { get; init; }

    /// <summary>Ids of the steps this one waits for; it runs when all of them succeeded.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Each attempt is stopped (SIGTERM, then killed) after this many seconds; none when absent.</summary>
    public double? TimeoutSeconds { get; init; }

    public StepResources? Resources { get; init; }

    /// <summary>Runs the step once per day partition (<see cref="StepPartitions"/>); absent: once per run.</summary>
    public StepPartitions? Partitions { get; init; }
}
