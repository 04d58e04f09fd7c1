using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Features;

/// <summary>
/// A sliding window over a features asset: the day partitions of the last <c>windowDays</c> calendar days up to
/// the newest partition, read as one table, with each partition and its content hash for lineage. Continuous
/// training reads this instead of one run's output, so every dataset that arrived within the window counts.
/// </summary>
public static class FeatureWindow
{
    /// <summary>Reads the window; every partition must have the same feature columns (the asset guarantees it).</summary>
    public static async Task<(FeatureTable Table, IReadOnlyList<PartitionInput> Partitions)> ReadAsync(
        string assetFolder, int windowDays, IReadOnlyList<string>? features, CancellationToken cancellationToken)
    {
        var days = AssetLayout.Days(assetFolder);
        if (days.Count == 0)
        {
            throw StepException.BadData("the features asset has no partitions yet", new SourceLocation(assetFolder));
        }

        var first = days[^1].AddDays(-(windowDays - 1));
        var recorded = PartitionLineage.Read(assetFolder);
        var name = Path.GetFileName(Path.GetFullPath(assetFolder).TrimEnd(Path.DirectorySeparatorChar));
        var tables = new List<FeatureTable>();
        var partitions = new List<PartitionInput>();
        foreach (var day in days.Where(d => d >= first))
        {
            var key = AssetLayout.Key(day);
            var folder = AssetLayout.PartitionFolder(assetFolder, key);
            tables.Add(await FeatureTableReader.ReadAsync(Path.Combine(folder, FeatureTableReader.FileName), features, cancellationToken));
            partitions.Add(new PartitionInput(name, key, null, recorded.GetValueOrDefault(key)?.ContentSha256 ?? PartitionContent.Sha256(folder)));
        }

        return (FeatureTable.Concat(tables), partitions);
    }
}
