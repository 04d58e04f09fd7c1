using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>
/// An <c>asset_partitions</c> row (aliased <c>p</c>); <see cref="Select"/> adds its current materialization's columns
/// after it, read with Dapper's multi-mapping into a <see cref="MaterializationRow"/> (<see cref="SplitOn"/>).
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record PartitionRow
{
    public const string Select =
        "SELECT p.asset AS PartitionAsset, p.partition_key AS Key, p.state AS State, p.reason AS Reason, p.updated_at AS UpdatedAt, " +
        MaterializationRow.Columns + " FROM asset_partitions p LEFT JOIN materializations m ON m.id = p.materialization_id";

    public const string SplitOn = "Id";

    public string PartitionAsset { get; set; } = "";

    public string Key { get; set; } = "";

    public string State { get; set; } = "";

    public string? Reason { get; set; }

    public long UpdatedAt { get; set; }

    public static PartitionView ToView(PartitionRow row, MaterializationRow? current) =>
        new(row.PartitionAsset, row.Key, row.State, row.Reason, UnixMs.To(row.UpdatedAt), current?.ToRecord());
}
