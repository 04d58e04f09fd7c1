using System.Globalization;

namespace Pipeline.Steps.Formats.Assets;

/// <summary>
/// Where an asset keeps what: one folder per asset (<c>{DataRoot}/assets/&lt;asset&gt;</c> on a workflow server), a
/// <c>day=YYYY-MM-DD</c> folder per partition, so the asset is one Hive-partitioned data set DuckDB, Spark and
/// pandas read as it is; and the asset's own bookkeeping in <c>_asset</c>, a name those readers skip.
/// </summary>
public static class AssetLayout
{
    /// <summary>The data root's folder of the assets, one folder per asset.</summary>
    public const string AssetsRoot = "assets";

    /// <summary>The asset's bookkeeping folder: its lock, schema and each partition's lineage record.</summary>
    public const string MetadataFolder = "_asset";

    /// <summary>The file in <see cref="MetadataFolder"/> that makes a folder an asset: its name, time zone and columns.</summary>
    public const string DescriptionFileName = "asset.json";

    /// <summary>The file in <see cref="MetadataFolder"/> listing a features asset's sensors with their attributes.</summary>
    public const string SensorsFileName = "sensors.parquet";

    private const string DayPrefix = "day=";

    /// <summary>The sensors table of an asset (one row per sensor: attributes, first and last seen).</summary>
    public static string SensorsPath(string assetFolder) => Path.Combine(assetFolder, MetadataFolder, SensorsFileName);

    /// <summary>Whether <paramref name="folder"/> is an asset (a step wrote partitions there with <c>--asset-dir</c>).</summary>
    public static bool IsAsset(string folder) => File.Exists(Path.Combine(folder, MetadataFolder, DescriptionFileName));

    /// <summary>The folder of an asset under a data root.</summary>
    public static string AssetFolder(string dataRoot, string asset) => Path.Combine(dataRoot, AssetsRoot, asset);

    /// <summary>A day partition's folder name, <c>day=2024-03-01</c>.</summary>
    public static string PartitionFolderName(DateOnly day) => DayPrefix + Key(day);

    /// <summary>A day partition's folder.</summary>
    public static string PartitionFolder(string assetFolder, string key) => Path.Combine(assetFolder, DayPrefix + key);

    /// <summary>The partition key of a day, <c>yyyy-MM-dd</c>.</summary>
    public static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The day of a partition key or a partition folder's name; null for anything else.</summary>
    public static DateOnly? Day(string keyOrFolderName)
    {
        var key = keyOrFolderName.StartsWith(DayPrefix, StringComparison.Ordinal) ? keyOrFolderName[DayPrefix.Length..] : keyOrFolderName;
        return DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    /// <summary>The days of the partitions in an asset folder, in order; none when the folder does not exist.</summary>
    public static IReadOnlyList<DateOnly> Days(string assetFolder) =>
        !Directory.Exists(assetFolder)
            ? []
            : [.. Directory.EnumerateDirectories(assetFolder, DayPrefix + "*").Select(f => Day(Path.GetFileName(f))).OfType<DateOnly>().Order()];
}
