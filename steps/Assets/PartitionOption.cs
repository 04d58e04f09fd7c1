using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Steps.Assets;

/// <summary>
/// <c>--partition yyyy-MM-dd</c> of the steps over assets: make that one day, whatever its state (a partitioned
/// workflow step runs once per day and passes <c>${{ partition.key }}</c>; a backfill asks for days by name).
/// </summary>
public static class PartitionOption
{
    public const string Description =
        "With --asset-dir: make only this day (yyyy-MM-dd), even when it is up to date, as a fan-out's partition or a backfill asks; other days are left as they are.";

    /// <summary>The option's problem, or null.</summary>
    public static string? Problem(string? partition, string? assetDir) => partition switch
    {
        null => null,
        _ when assetDir is null => "--partition needs --asset-dir: it names a day partition of the asset",
        { Length: 10 } day when AssetLayout.Day(day) is not null => null,
        _ => $"--partition must be a day, yyyy-MM-dd, not '{partition}'",
    };
}
