using System.Text.Json;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Orchestrator.Assets;

/// <summary>The asset partitions a step's <c>_manifest.json</c> reports, as the catalog records them.</summary>
/// <param name="Assets">Each asset named, with the folder it is in and its time zone.</param>
/// <param name="Written">Each partition with who made it and what from.</param>
public sealed record ManifestPartitions(IReadOnlyList<AssetRecord> Assets, IReadOnlyList<NewMaterialization> Written)
{
    /// <summary>
    /// Reads the manifest in <paramref name="outputFolder"/>; null when there is none or it reports no asset (a
    /// command step need not write one). Only the <c>step</c> and <c>assets</c> members are read, so a manifest a
    /// shell step writes by hand needs no more.
    /// </summary>
    /// <exception cref="InvalidDataException">The manifest does not parse, or an asset in it breaks the layout rules.</exception>
    public static async Task<ManifestPartitions?> ReadAsync(
        string outputFolder, string dataRoot, string runId, string stepId, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outputFolder, ManifestFiles.Manifest);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("assets", out var element) || element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
            {
                return null;
            }

            var version = root.TryGetProperty("step", out var step) && step.ValueKind == JsonValueKind.Object
                && step.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var assets = element.Deserialize(ManifestJsonContext.Default.IReadOnlyListManifestAsset) ?? [];
            var records = new List<AssetRecord>(assets.Count);
            var written = new List<NewMaterialization>();
            foreach (var asset in assets)
            {
                records.Add(Check(asset, dataRoot, now));
                written.AddRange((asset.Partitions ?? []).Select(p => new NewMaterialization
                {
                    Asset = asset.Name,
                    PartitionKey = p?.Key is { Length: 10 } key && AssetLayout.Day(key) is not null ? key : throw Invalid($"asset '{asset.Name}': '{p?.Key}' is not a yyyy-MM-dd day"),
                    RunId = runId,
                    StepId = stepId,
                    Attempt = attempt,
                    ProgramVersion = version,
                    Rows = p.Rows,
                    ContentSha256 = p.ContentSha256,
                    InputPartitions = [.. (p.Inputs ?? []).Where(i => i.Asset is not null).Select(i => new PartitionRead(i.Asset!, i.Partition ?? throw Invalid($"asset '{asset.Name}' {p.Key}: input asset '{i.Asset}' names no partition"), i.Sha256))],
                    InputFiles = [.. (p.Inputs ?? []).Where(i => i.Asset is null && i.File is not null).Select(i => new FileInput(i.File!, i.Sha256))],
                }));
            }

            return new ManifestPartitions(records, written);
        }
        catch (JsonException e)
        {
            throw Invalid($"{path}: {e.Message}");
        }
    }

    /// <summary>
    /// An asset lives in <c>{DataRoot}/assets/&lt;name&gt;</c> and nowhere else: the catalog keeps that folder, and the
    /// server later hashes files under it (verify), so a manifest cannot point it at another folder.
    /// </summary>
    private static AssetRecord Check(ManifestAsset asset, string dataRoot, DateTimeOffset now)
    {
        if (asset is null || !AssetNames.IsValid(asset.Name))
        {
            throw Invalid($"'{asset?.Name}' is not an asset name ({AssetNames.Rule})");
        }

        var expected = Path.GetFullPath(AssetLayout.AssetFolder(dataRoot, asset.Name));
        if (asset.Folder is null || Path.GetFullPath(asset.Folder, dataRoot).TrimEnd('/') != expected)
        {
            throw Invalid($"asset '{asset.Name}' is in '{asset.Folder}', not in {expected}");
        }

        return new AssetRecord(asset.Name, AssetRecord.ByDay, asset.TimeZone, now, expected);
    }

    private static InvalidDataException Invalid(string message) => new("the manifest's assets: " + message);
}
