using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>An <c>asset_partitions</c> row (aliased <c>p</c>) with its current materialization's columns, when it has one.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record PartitionRow
{
    public const string Select =
        "SELECT p.asset AS PartitionAsset, p.partition_key AS Key, p.state AS State, p.reason AS Reason, p.updated_at AS UpdatedAt, " +
        MaterializationRow.Columns + " FROM asset_partitions p LEFT JOIN materializations m ON m.id = p.materialization_id";

    public string PartitionAsset { get; set; } = "";

    public string Key { get; set; } = "";

    public string State { get; set; } = "";

    public string? Reason { get; set; }

    public long UpdatedAt { get; set; }

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

    public PartitionView ToView() => new(PartitionAsset, Key, State, Reason, UnixMs.To(UpdatedAt), Id is { } id
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
        : null);
}
