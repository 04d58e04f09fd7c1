using System.Text.Json;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Formats.Assets;

/// <summary>
/// <c>_asset/partitions.json</c>: for each partition, what the run that last wrote it reported (change, rows,
/// content hash, inputs with their hashes then). A step compares an input's hash now with the one recorded to
/// find the partitions whose inputs changed since, without asking the server: the asset folder is enough.
/// </summary>
public static class PartitionLineage
{
    public const string FileName = "partitions.json";

    /// <summary>The recorded partitions of the asset in <paramref name="assetFolder"/>, by key; empty when none are.</summary>
    public static SortedDictionary<string, ManifestPartition> Read(string assetFolder)
    {
        var path = Path.Combine(assetFolder, AssetLayout.MetadataFolder, FileName);
        if (!File.Exists(path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            var read = JsonSerializer.Deserialize(File.ReadAllText(path), ManifestJsonContext.Default.DictionaryStringManifestPartition);
            return new(read ?? [], StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // Only a cache of what the partitions were made from: unreadable, every partition is recomputed and
            // comes out unchanged where nothing changed, and the file is written again.
            return new(StringComparer.Ordinal);
        }
    }

    public static void Write(string assetFolder, SortedDictionary<string, ManifestPartition> lineage) =>
        AtomicJsonFile.Write(
            Path.Combine(assetFolder, AssetLayout.MetadataFolder, FileName),
            new Dictionary<string, ManifestPartition>(lineage, StringComparer.Ordinal),
            ManifestJsonContext.Default.DictionaryStringManifestPartition);
}
