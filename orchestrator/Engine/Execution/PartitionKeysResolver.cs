using System.Text.Json;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>
/// The attempt of a partitioned step's own step run: it runs no program, it finds the days to fan out into, from
/// the plan's keys (rendered when the run was created) or from the manifest of the upstream step it names (the
/// partitions of its assets it created or replaced: the days a Chunker run touched). What it cannot find fails the
/// step for good, saying why: running it again would find the same.
/// </summary>
internal static class PartitionKeysResolver
{
    public static async Task<AttemptResult> ResolveAsync(StepSpec spec, CancellationToken cancellationToken)
    {
        var plan = spec.Partitions ?? throw new InvalidOperationException("the step is not partitioned");
        string? error;
        IReadOnlyList<string>? keys;
        if (plan.Keys is { } text)
        {
            keys = PartitionKeyList.Parse(text, out error);
            error = error is null ? null : $"partitions.keys: {error}";
        }
        else
        {
            (keys, error) = await FromManifestAsync(spec, plan, cancellationToken);
        }

        return keys is null
            ? new AttemptResult(AttemptStates.Failed, null, error, Retryable: false)
            : new AttemptResult(AttemptStates.Succeeded, null, null, Retryable: false) { PartitionKeys = keys };
    }

    private static async Task<(IReadOnlyList<string>? Keys, string? Error)> FromManifestAsync(StepSpec spec, PartitionPlan plan, CancellationToken cancellationToken)
    {
        var from = plan.FromStep!;
        if (!spec.UpstreamOutputs.TryGetValue(from, out var folder))
        {
            return (null, $"partitions.fromStep: '{from}' is not a step this one depends on");
        }

        var path = Path.Combine(folder, ManifestFiles.Manifest);
        IReadOnlyList<ManifestAsset> assets;
        try
        {
            await using var stream = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            assets = document.RootElement.TryGetProperty("assets", out var element) && element.ValueKind == JsonValueKind.Array
                ? element.Deserialize(ManifestJsonContext.Default.IReadOnlyListManifestAsset) ?? []
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, $"partitions.fromStep: cannot read the partitions '{from}' wrote from {path}: {e.Message}");
        }

        var days = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var asset in assets.Where(a => plan.Asset is null || a?.Name == plan.Asset))
        {
            foreach (var partition in asset?.Partitions ?? [])
            {
                if (partition?.Change is not (PartitionChanges.Created or PartitionChanges.Replaced))
                {
                    continue;
                }

                if (partition.Key is not { Length: 10 } key || AssetLayout.Day(key) is null)
                {
                    return (null, $"partitions.fromStep: '{from}' reports partition '{partition.Key}' of asset '{asset!.Name}', which is not a yyyy-MM-dd day");
                }

                days.Add(key);
            }
        }

        return days.Count > PartitionKeyList.MaxPartitions
            ? (null, $"partitions.fromStep: '{from}' changed {days.Count} partitions, more than the {PartitionKeyList.MaxPartitions} one step fans out into")
            : ([.. days], null);
    }
}
