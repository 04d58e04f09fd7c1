using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A partition input of a materialization, with the materialization of the content it read when the catalog has it.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record InputRow
{
    public string InputAsset { get; set; } = "";

    public string InputKey { get; set; } = "";

    public string? InputSha256 { get; set; }

    public long? Id { get; set; }

    public string? Asset { get; set; }

    public string? PartitionKey { get; set; }

    public string? RunId { get; set; }

    public string? StepId { get; set; }

    public long? Attempt { get; set; }

    public string? ProgramVersion { get; set; }

    public long? RowCount { get; set; }

    public string? ContentSha256 { get; set; }

    public long? CreatedAt { get; set; }

    public LineageInput ToLineage() => new(
        new PartitionRead(InputAsset, InputKey, InputSha256),
        Id is { } id
            ? new MaterializationRow
            {
                Id = id,
                Asset = Asset!,
                PartitionKey = PartitionKey!,
                RunId = RunId,
                StepId = StepId,
                Attempt = Attempt,
                ProgramVersion = ProgramVersion,
                RowCount = RowCount,
                ContentSha256 = ContentSha256,
                CreatedAt = CreatedAt ?? 0,
            }.ToRecord()
            : null,
        null);
}
