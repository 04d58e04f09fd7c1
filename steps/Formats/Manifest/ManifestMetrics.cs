using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.Formats.Manifest;

/// <summary>
/// Reads a manifest's <c>metrics</c> through the records the steps write (<see cref="MetricNames"/>), one field at a
/// time: a field that is missing or does not fit its record reads as null and leaves the others readable, so a
/// step's odd output never hides the rest of its metrics.
/// </summary>
public sealed class ManifestMetrics(JsonElement metrics)
{
    public JsonElement Raw { get; } = metrics;

    public IReadOnlyDictionary<string, DataShape>? Shapes => Read(MetricNames.Shapes, ManifestJsonContext.Default.IReadOnlyDictionaryStringDataShape);

    public MemoryMetrics? Memory => Read(MetricNames.Memory, ManifestJsonContext.Default.MemoryMetrics);

    public ModelUsed? Model => Read(MetricNames.Model, ManifestJsonContext.Default.ModelUsed);

    public IReadOnlyDictionary<string, IReadOnlyList<ClusterShare>>? ClusterDistribution =>
        Read(MetricNames.ClusterDistribution, ManifestJsonContext.Default.IReadOnlyDictionaryStringIReadOnlyListClusterShare);

    public IReadOnlyDictionary<string, FeatureStat>? FeatureStats => Read(MetricNames.FeatureStats, ManifestJsonContext.Default.IReadOnlyDictionaryStringFeatureStat);

    public IReadOnlyDictionary<string, DriftResult>? Drift => Read(MetricNames.Drift, ManifestJsonContext.Default.IReadOnlyDictionaryStringDriftResult);

    /// <summary>The row counts by kind (<c>rowsRead</c> → <c>Read</c>).</summary>
    public IEnumerable<(string Kind, double Rows)> RowCounts()
    {
        if (Raw.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var field in Raw.EnumerateObject())
        {
            var prefix = MetricNames.RowCountPrefix.Length;
            if (field.Name.Length > prefix && field.Name.StartsWith(MetricNames.RowCountPrefix, StringComparison.Ordinal)
                && char.IsUpper(field.Name[prefix]) && field.Value.ValueKind == JsonValueKind.Number)
            {
                yield return (field.Name[prefix..], field.Value.GetDouble());
            }
        }
    }

    private T? Read<T>(string name, JsonTypeInfo<T> type)
        where T : class
    {
        if (Raw.ValueKind != JsonValueKind.Object || !Raw.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object && value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        try
        {
            return value.Deserialize(type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
