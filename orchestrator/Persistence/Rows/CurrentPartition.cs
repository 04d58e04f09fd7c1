using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A partition's state with its current materialization's id and content hash, as recording compares them.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record CurrentPartition
{
    public string State { get; set; } = "";

    public long? MaterializationId { get; set; }

    public string? ContentSha256 { get; set; }
}
