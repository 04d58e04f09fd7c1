using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A <c>runs</c> row as stored; Dapper fills it from <see cref="Columns"/>, records compare by value.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record RunRow
{
    public const string Columns =
        "id AS Id, workflow_id AS WorkflowId, workflow_version AS WorkflowVersion, state AS State, triggered_by AS TriggeredBy, " +
        "logical_date AS LogicalDate, inputs AS Inputs, created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, error AS Error, trace_parent AS TraceParent, started_by AS StartedBy, waits_for AS WaitsFor";

    public string Id { get; set; } = "";

    public string WorkflowId { get; set; } = "";

    public long WorkflowVersion { get; set; }

    public string State { get; set; } = "";

    public string TriggeredBy { get; set; } = "";

    public long? LogicalDate { get; set; }

    public string Inputs { get; set; } = "{}";

    public long CreatedAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public string? Error { get; set; }

    public string? TraceParent { get; set; }

    public string? StartedBy { get; set; }

    public string? WaitsFor { get; set; }

    public static RunRow From(RunRecord run) => new()
    {
        Id = run.Id,
        WorkflowId = run.WorkflowId,
        WorkflowVersion = run.WorkflowVersion,
        State = StateNames.Of(run.State),
        TriggeredBy = run.TriggeredBy,
        LogicalDate = UnixMs.From(run.LogicalDate),
        Inputs = JsonSerializer.Serialize(run.Inputs.ToDictionary(), PersistenceJson.Default.DictionaryStringString),
        CreatedAt = UnixMs.From(run.CreatedAt),
        StartedAt = UnixMs.From(run.StartedAt),
        FinishedAt = UnixMs.From(run.FinishedAt),
        Error = run.Error,
        TraceParent = run.TraceParent,
        StartedBy = run.StartedBy,
        WaitsFor = run.WaitsFor,
    };

    public RunRecord ToRecord() => new()
    {
        Id = Id,
        WorkflowId = WorkflowId,
        WorkflowVersion = checked((int)WorkflowVersion),
        State = StateNames.ParseRun(State),
        TriggeredBy = TriggeredBy,
        LogicalDate = UnixMs.To(LogicalDate),
        Inputs = JsonSerializer.Deserialize(Inputs, PersistenceJson.Default.DictionaryStringString) ?? [],
        CreatedAt = UnixMs.To(CreatedAt),
        StartedAt = UnixMs.To(StartedAt),
        FinishedAt = UnixMs.To(FinishedAt),
        Error = Error,
        TraceParent = TraceParent,
        StartedBy = StartedBy,
        WaitsFor = WaitsFor,
    };
}
