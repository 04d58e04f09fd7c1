using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>
/// A partition input of a materialization; the materialization of the content it read, when the catalog has it,
/// follows it as a <see cref="MaterializationRow"/> (Dapper multi-mapping, split on <c>Id</c>).
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record InputRow
{
    public string InputAsset { get; set; } = "";

    public string InputKey { get; set; } = "";

    public string? InputSha256 { get; set; }

    public static LineageInput ToLineage(InputRow row, MaterializationRow? read) =>
        new(new PartitionRead(row.InputAsset, row.InputKey, row.InputSha256), read?.ToRecord(), null);
}
