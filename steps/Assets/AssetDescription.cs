using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Assets;

/// <summary>
/// What every partition of an asset shares, kept in <c>_asset/asset.json</c> by the first run that writes it: the
/// time zone its days are calendar days of, and the columns of its files. A later run that would write other
/// days or other columns is refused before it writes anything: one asset is one data set a reader can query whole.
/// </summary>
public sealed record AssetDescription(string Name, string TimeZone, IReadOnlyList<ColumnSchema> Columns)
{
    public const string FileName = "asset.json";

    /// <summary>How it is partitioned: by calendar day, the only kind there is.</summary>
    public string PartitionBy { get; init; } = "day";
}
