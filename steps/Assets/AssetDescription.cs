using System.Text.Json;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Assets;

/// <summary>
/// What every partition of an asset shares, kept in <c>_asset/asset.json</c> by the first run that writes it: the
/// time zone its days are calendar days of, and the columns of its files. A later run that would write other
/// days or other columns is refused before it writes anything: one asset is one data set a reader can query whole.
/// </summary>
public sealed record AssetDescription(string Name, string TimeZone, IReadOnlyList<ColumnSchema> Columns)
{
    public const string FileName = AssetLayout.DescriptionFileName;

    /// <summary>How it is partitioned: by calendar day, the only kind there is.</summary>
    public string PartitionBy { get; init; } = "day";

    /// <summary>The description of the asset in <paramref name="assetFolder"/>; null when the folder is not an asset (yet).</summary>
    public static AssetDescription? Read(string assetFolder)
    {
        var path = Path.Combine(assetFolder, AssetLayout.MetadataFolder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), AssetJsonContext.Default.AssetDescription)
                ?? throw StepException.BadData("the asset description is empty", new SourceLocation(path));
        }
        catch (JsonException e)
        {
            throw StepException.BadData($"the asset description is not valid JSON: {e.Message}", new SourceLocation(path));
        }
    }
}
