namespace Pipeline.Steps.Formats.Manifest;

/// <summary>
/// An asset a step materialized partitions of: its name, the folder that holds its partitions
/// (<c>day=YYYY-MM-DD</c> folders, one Hive-partitioned data set), the time zone its days are in, and each
/// partition the run wrote or found already up to date.
/// </summary>
public sealed record ManifestAsset(string Name, string Folder, string TimeZone, IReadOnlyList<ManifestPartition> Partitions);

/// <summary>
/// One day partition of an asset as a run left it. <see cref="Change"/> says what the run did: see
/// <see cref="PartitionChanges"/>; an unchanged partition is reported too, so a retry after a crash between
/// writing a partition and publishing the manifest still tells the catalog the partition's current content.
/// </summary>
/// <param name="Key">The day, <c>yyyy-MM-dd</c>.</param>
/// <param name="Change">One of <see cref="PartitionChanges"/>.</param>
/// <param name="Rows">Rows in the partition as it now is (all of them, not only the run's).</param>
/// <param name="ContentSha256">Hash of the partition's files (relative paths and bytes): what lineage and change detection compare.</param>
/// <param name="Inputs">What it was made from: partitions of other assets or files, each with its hash then.</param>
public sealed record ManifestPartition(string Key, string Change, long Rows, string ContentSha256, IReadOnlyList<PartitionInput> Inputs);

/// <summary>An input of a partition: a partition of another asset (<see cref="Asset"/> and <see cref="Partition"/>) or a file (<see cref="File"/>).</summary>
public sealed record PartitionInput(string? Asset, string? Partition, string? File, string? Sha256);

/// <summary>What a run did to a partition.</summary>
public static class PartitionChanges
{
    /// <summary>The partition did not exist before.</summary>
    public const string Created = "created";

    /// <summary>The partition existed and was replaced whole by a new version.</summary>
    public const string Replaced = "replaced";

    /// <summary>The run's data was already in the partition: nothing was written.</summary>
    public const string Unchanged = "unchanged";
}
