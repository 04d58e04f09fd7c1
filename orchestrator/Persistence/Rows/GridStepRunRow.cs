using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>The few <c>step_runs</c> columns a grid cell needs: no spec (the largest column), log or lease.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record GridStepRunRow
{
    public const string Columns =
        "run_id AS RunId, step_id AS StepId, ordinal AS Ordinal, state AS State, attempts AS Attempts, " +
        "started_at AS StartedAt, finished_at AS FinishedAt, exit_code AS ExitCode";

    public string RunId { get; set; } = "";

    public string StepId { get; set; } = "";

    public long Ordinal { get; set; }

    public string State { get; set; } = "";

    public long Attempts { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public long? ExitCode { get; set; }

    public GridStepRun ToRecord() => new(
        RunId, StepId, checked((int)Ordinal), StateNames.ParseStep(State), checked((int)Attempts),
        UnixMs.To(StartedAt), UnixMs.To(FinishedAt), ExitCode is { } code ? checked((int)code) : null);
}
