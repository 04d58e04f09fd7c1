using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// Reads the data gauges' values out of a step's <c>_manifest.json</c> (the step contract, steps/README.md): shapes,
/// row counts, memory, phase timings, cluster distribution of the model version, feature statistics and drift.
/// Generic over steps: a field a step does not report gives no values. A malformed field is skipped, not fatal:
/// metrics must never fail a run.
/// </summary>
public static class ManifestObservations
{
    public const string FileName = "_manifest.json";

    public static IReadOnlyList<DataPoint> From(JsonElement manifest)
    {
        var points = new List<DataPoint>();
        if (manifest.ValueKind != JsonValueKind.Object)
        {
            return points;
        }

        if (manifest.TryGetProperty("finishedAt", out var finished) && finished.ValueKind == JsonValueKind.String && finished.TryGetDateTimeOffset(out var finishedAt))
        {
            points.Add(new DataPoint(DataInstruments.LastSuccess, finishedAt.ToUnixTimeMilliseconds() / 1000.0, []));
        }

        if (manifest.TryGetProperty("timingsMs", out var timings) && timings.ValueKind == JsonValueKind.Object)
        {
            foreach (var phase in timings.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
            {
                points.Add(new DataPoint(DataInstruments.PhaseDuration, phase.Value.GetDouble() / 1000, [Label("phase", phase.Name)]));
            }
        }

        if (manifest.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Object)
        {
            AddRowCounts(metrics, points);
            AddShapes(metrics, points);
            AddMemory(metrics, points);
            AddClusters(metrics, points);
            AddFeatures(metrics, points);
        }

        return points;
    }

    /// <summary><c>rowsRead</c>, <c>rowsQuarantined</c>, ...: kind <c>read</c>, <c>quarantined</c>, ...</summary>
    private static void AddRowCounts(JsonElement metrics, List<DataPoint> points)
    {
        foreach (var field in metrics.EnumerateObject())
        {
            if (field.Name.Length > 4 && field.Name.StartsWith("rows", StringComparison.Ordinal) && char.IsUpper(field.Name[4])
                && field.Value.ValueKind == JsonValueKind.Number)
            {
                points.Add(new DataPoint(DataInstruments.StepRows, field.Value.GetDouble(), [Label("kind", SnakeCase(field.Name[4..]))]));
            }
        }
    }

    /// <summary><c>shapes: {stage: {rows, columns}}</c>.</summary>
    private static void AddShapes(JsonElement metrics, List<DataPoint> points)
    {
        foreach (var stage in Objects(metrics, "shapes"))
        {
            AddFields(stage.Value, Label("stage", stage.Name), points, ("rows", DataInstruments.Rows), ("columns", DataInstruments.Columns));
        }
    }

    /// <summary><c>memory: {workingSetBytes, managedHeapBytes, peakWorkingSetBytes}</c>: kind working_set, ...</summary>
    private static void AddMemory(JsonElement metrics, List<DataPoint> points)
    {
        if (!metrics.TryGetProperty("memory", out var memory) || memory.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var field in memory.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Number))
        {
            var kind = field.Name.EndsWith("Bytes", StringComparison.Ordinal) ? field.Name[..^5] : field.Name;
            points.Add(new DataPoint(DataInstruments.Memory, field.Value.GetDouble(), [Label("kind", SnakeCase(kind))]));
        }
    }

    /// <summary>
    /// <c>model: {version}</c> with <c>clusterDistribution: {training|prediction: [{cluster, count, share}]}</c>.
    /// </summary>
    private static void AddClusters(JsonElement metrics, List<DataPoint> points)
    {
        if (!metrics.TryGetProperty("clusterDistribution", out var distribution) || distribution.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var version = metrics.TryGetProperty("model", out var model) && Number(model, "version") is { } v
            ? v.ToString(CultureInfo.InvariantCulture)
            : "unknown";
        foreach (var set in distribution.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Array))
        {
            foreach (var cluster in set.Value.EnumerateArray())
            {
                if (Number(cluster, "cluster") is not { } id)
                {
                    continue;
                }

                KeyValuePair<string, object?>[] labels =
                    [Label("model_version", version), Label("set", set.Name), Label("cluster", id.ToString(CultureInfo.InvariantCulture))];
                if (Number(cluster, "count") is { } count)
                {
                    points.Add(new DataPoint(DataInstruments.ClusterSize, count, labels));
                }

                if (Number(cluster, "share") is { } share)
                {
                    points.Add(new DataPoint(DataInstruments.ClusterShare, share, labels));
                }
            }
        }
    }

    /// <summary><c>featureStats: {feature: {mean, std}}</c> and <c>drift: {feature: {zScore, drifted}}</c>.</summary>
    private static void AddFeatures(JsonElement metrics, List<DataPoint> points)
    {
        foreach (var feature in Objects(metrics, "featureStats"))
        {
            AddFields(feature.Value, Label("feature", feature.Name), points, ("mean", DataInstruments.FeatureMean), ("std", DataInstruments.FeatureStd));
        }

        foreach (var feature in Objects(metrics, "drift"))
        {
            var label = Label("feature", feature.Name);
            // No z-score until the history has runs to compare with: no value rather than a made-up zero.
            if (Number(feature.Value, "zScore") is { } z)
            {
                points.Add(new DataPoint(DataInstruments.FeatureDrift, z, [label]));
            }

            if (feature.Value.TryGetProperty("drifted", out var drifted) && drifted.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                points.Add(new DataPoint(DataInstruments.FeatureDrifted, drifted.GetBoolean() ? 1 : 0, [label]));
            }
        }
    }

    /// <summary>Each numeric field of <paramref name="source"/> named in <paramref name="fields"/> as a value of its instrument.</summary>
    private static void AddFields(JsonElement source, KeyValuePair<string, object?> label, List<DataPoint> points, params (string Field, string Instrument)[] fields)
    {
        foreach (var (field, instrument) in fields)
        {
            if (Number(source, field) is { } value)
            {
                points.Add(new DataPoint(instrument, value, [label]));
            }
        }
    }

    private static IEnumerable<JsonProperty> Objects(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var node) && node.ValueKind == JsonValueKind.Object
            ? node.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object)
            : [];

    private static double? Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    private static KeyValuePair<string, object?> Label(string name, string value) => new(name, value);

    /// <summary><c>WorkingSet</c> → <c>working_set</c>: Prometheus label values in the style of its names.</summary>
    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
