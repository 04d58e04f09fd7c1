namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>One attempt of a step run, kept after it ends, with where its logs are.</summary>
public sealed record AttemptRecord
{
    public required string RunId { get; init; }

    public required string StepId { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public required int Attempt { get; init; }

    /// <summary><c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>timed-out</c>, <c>lost</c> (its worker died) or <c>cancelled</c>.</summary>
    public required string State { get; init; }

    public required string WorkerId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public int? ExitCode { get; init; }

    public string? Error { get; init; }

    /// <summary>The published version whose definition of the step this attempt ran (a run re-run on a later version has attempts of both).</summary>
    public int? WorkflowVersion { get; init; }
}
