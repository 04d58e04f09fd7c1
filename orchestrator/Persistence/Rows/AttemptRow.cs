using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>An <c>attempts</c> row as stored.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record AttemptRow
{
    public const string Columns =
        "run_id AS RunId, step_id AS StepId, attempt AS Attempt, state AS State, worker_id AS WorkerId, " +
        "started_at AS StartedAt, finished_at AS FinishedAt, exit_code AS ExitCode, error AS Error, workflow_version AS WorkflowVersion";

    public string RunId { get; set; } = "";

    public string StepId { get; set; } = "";

    public long Attempt { get; set; }

    public string State { get; set; } = "";

    public string WorkerId { get; set; } = "";

    public long StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public long? ExitCode { get; set; }

    public string? Error { get; set; }

    public long? WorkflowVersion { get; set; }

    public AttemptRecord ToRecord() => new()
    {
        RunId = RunId,
        StepId = StepId,
        Attempt = checked((int)Attempt),
        State = State,
        WorkerId = WorkerId,
        StartedAt = UnixMs.To(StartedAt),
        FinishedAt = UnixMs.To(FinishedAt),
        ExitCode = ExitCode is { } code ? checked((int)code) : null,
        Error = Error,
        WorkflowVersion = WorkflowVersion is { } version ? checked((int)version) : null,
    };
}
