using System.Text.Json;
using Pipeline.Steps.FeatureCreator.Drift;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Steps.FeatureCreator.Partitions;

/// <summary>
/// <c>_asset/feature-stats.json</c> of a features asset: each partition's feature summaries, the baseline the
/// next days' drift is measured against. Kept with the asset (not in a step's state folder): whichever workflow
/// computes a day, every later day is compared with the same history. Written under the asset's lock.
/// </summary>
internal sealed class FeatureStatsStore(string assetFolder)
{
    public const string FileName = "feature-stats.json";

    private string Path => System.IO.Path.Combine(assetFolder, AssetLayout.MetadataFolder, FileName);

    /// <summary>The summaries by partition key, in key order; empty when none were kept or the file is unreadable.</summary>
    public SortedDictionary<string, FeatureRun> Read()
    {
        if (!File.Exists(Path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            var read = JsonSerializer.Deserialize(File.ReadAllText(Path), FeatureCreatorJsonContext.Default.DictionaryStringFeatureRun);
            return new(read ?? [], StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A baseline, not data: unreadable, drift starts again from the days computed from now on.
            return new(StringComparer.Ordinal);
        }
    }

    public void Write(SortedDictionary<string, FeatureRun> runs) =>
        AtomicJsonFile.Write(Path, new Dictionary<string, FeatureRun>(runs, StringComparer.Ordinal), FeatureCreatorJsonContext.Default.DictionaryStringFeatureRun);
}
