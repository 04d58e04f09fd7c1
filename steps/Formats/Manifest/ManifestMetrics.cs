using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.Formats.Manifest;

/// <summary>
/// Reads a manifest's <c>metrics</c> through the records the steps write (<see cref="MetricNames"/>), one entry at a
/// time: an entry that is missing a value or does not fit its record is left out and the others still read, so a
/// step's odd output never hides the rest of its metrics. Values are only what the step wrote: nothing missing is
/// read as zero.
/// </summary>
public sealed class ManifestMetrics(JsonElement metrics)
{
    public JsonElement Raw { get; } = metrics;

    /// <summary>Each stage's shape; a stage without both numbers is left out.</summary>
    public IEnumerable<(string Stage, DataShape Shape)> Shapes() =>
        Entries(Raw, MetricNames.Shapes, ManifestJsonContext.Default.DataShape, "rows", "columns");

    /// <summary>
    /// The memory figures by kind (<c>workingSetBytes</c> → <c>WorkingSet</c>): every number in
    /// <see cref="MemoryMetrics"/>'s place, so a step may report kinds of its own.
    /// </summary>
    public IEnumerable<(string Kind, double Bytes)> Memory() =>
        Numbers(Object(Raw, MetricNames.Memory)).Select(f => (f.Name.EndsWith("Bytes", StringComparison.Ordinal) ? f.Name[..^5] : f.Name, f.Value));

    /// <summary>The model version the step trained or scored with; null when it says none.</summary>
    public int? ModelVersion => Object(Raw, MetricNames.Model) is { } model ? Read(model, ManifestJsonContext.Default.ModelUsed)?.Version : null;

    /// <summary>Each set's clusters (<c>training</c>, <c>prediction</c>); a cluster without id, count and share is left out.</summary>
    public IEnumerable<(string Set, ClusterShare Cluster)> ClusterDistribution()
    {
        if (Object(Raw, MetricNames.ClusterDistribution) is not { } distribution)
        {
            yield break;
        }

        foreach (var set in distribution.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Array))
        {
            foreach (var cluster in set.Value.EnumerateArray())
            {
                if (Read(cluster, ManifestJsonContext.Default.ClusterShare, "cluster", "count", "share") is { } share)
                {
                    yield return (set.Name, share);
                }
            }
        }
    }

    /// <summary>How the trained version compares with production on the same rows; null when the step says nothing.</summary>
    public ClusterStability? Stability() =>
        Object(Raw, MetricNames.Stability) is { } stability
            ? Read(stability, RegistryJsonContext.Default.ClusterStability, "againstVersion", "adjustedRandIndex", "movedShare")
            : null;

    public IEnumerable<(string Feature, FeatureStat Stat)> FeatureStats() =>
        Entries(Raw, MetricNames.FeatureStats, ManifestJsonContext.Default.FeatureStat);

    /// <summary>
    /// Each feature's drift, and whether the step said if it drifted (<see cref="DriftResult.Drifted"/> is false
    /// both when it did not drift and when it did not say).
    /// </summary>
    public IEnumerable<(string Feature, DriftResult Drift, bool SaysDrifted)> Drift()
    {
        var drift = Object(Raw, MetricNames.Drift);
        foreach (var (feature, result) in Entries(Raw, MetricNames.Drift, ManifestJsonContext.Default.DriftResult))
        {
            var says = drift!.Value.GetProperty(feature).TryGetProperty("drifted", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False;
            yield return (feature, result, says);
        }
    }

    /// <summary>The row counts by kind (<c>rowsRead</c> → <c>Read</c>).</summary>
    public IEnumerable<(string Kind, double Rows)> RowCounts()
    {
        var prefix = MetricNames.RowCountPrefix.Length;
        return Numbers(Raw.ValueKind == JsonValueKind.Object ? Raw : null)
            .Where(f => f.Name.Length > prefix && f.Name.StartsWith(MetricNames.RowCountPrefix, StringComparison.Ordinal) && char.IsUpper(f.Name[prefix]))
            .Select(f => (f.Name[prefix..], f.Value));
    }

    private static IEnumerable<(string Name, T Value)> Entries<T>(JsonElement parent, string name, JsonTypeInfo<T> type, params string[] required)
        where T : class
    {
        if (Object(parent, name) is not { } entries)
        {
            yield break;
        }

        foreach (var entry in entries.EnumerateObject())
        {
            if (Read(entry.Value, type, required) is { } value)
            {
                yield return (entry.Name, value);
            }
        }
    }

    /// <summary>The entry as its record, or null when it is no object, lacks a required number, or does not fit.</summary>
    private static T? Read<T>(JsonElement entry, JsonTypeInfo<T> type, params string[] required)
        where T : class
    {
        if (entry.ValueKind != JsonValueKind.Object
            || required.Any(field => !entry.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number))
        {
            return null;
        }

        try
        {
            return entry.Deserialize(type);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var node) && node.ValueKind == JsonValueKind.Object ? node : null;

    private static IEnumerable<(string Name, double Value)> Numbers(JsonElement? source) =>
        source is { } node
            ? node.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Number).Select(f => (f.Name, f.Value.GetDouble()))
            : [];
}
