using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A <c>workflows</c> row as stored.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record WorkflowRow
{
    public string Id { get; set; } = "";

    public string? DraftJson { get; set; }

    public long? DraftUpdatedAt { get; set; }

    public long? LatestVersion { get; set; }

    public long CreatedAt { get; set; }

    public WorkflowRecord ToRecord() =>
        new(Id, DraftJson, UnixMs.To(DraftUpdatedAt), LatestVersion is { } v ? checked((int)v) : null, UnixMs.To(CreatedAt));
}
