using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A <c>workflow_versions</c> row as stored.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record WorkflowVersionRow
{
    public string WorkflowId { get; set; } = "";

    public long Version { get; set; }

    public string DefinitionJson { get; set; } = "";

    public string Checksum { get; set; } = "";

    public long PublishedAt { get; set; }

    public WorkflowVersionRecord ToRecord() => new(WorkflowId, checked((int)Version), DefinitionJson, Checksum, UnixMs.To(PublishedAt));
}
