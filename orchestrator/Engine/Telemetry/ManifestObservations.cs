using System.Globalization;
using System.Text.Json;
using System.Text;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// Reads the data gauges' values out of a step's <c>_manifest.json</c> (the step contract, steps/README.md), through
/// the records the steps write (<see cref="ManifestMetrics"/>): shapes, row counts, memory, phase timings, cluster
/// distribution of the model version, feature statistics and drift. Generic over steps: a field a step does not
/// report gives no values. A malformed field is skipped, not fatal: metrics must never fail a run.
/// </summary>
public static class ManifestObservations
{
    public const string FileName = ManifestFiles.Manifest;

    public static IReadOnlyList<DataPoint> From(JsonElement manifest)
    {
        var points = new List<DataPoint>();
        if (manifest.ValueKind != JsonValueKind.Object)
        {
            return points;
        }

        if (manifest.TryGetProperty("finishedAt", out var finished) && finished.ValueKind == JsonValueKind.String && finished.TryGetDateTimeOffset(out var finishedAt))
        {
            Add(points, DataInstruments.LastSuccess, finishedAt.ToUnixTimeMilliseconds() / 1000.0);
        }

        if (manifest.TryGetProperty("timingsMs", out var timings) && timings.ValueKind == JsonValueKind.Object)
        {
            foreach (var phase in timings.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
            {
                Add(points, DataInstruments.PhaseDuration, phase.Value.GetDouble() / 1000, Label("phase", phase.Name));
            }
        }

        if (manifest.TryGetProperty("metrics", out var raw) && raw.ValueKind == JsonValueKind.Object)
        {
            var metrics = new ManifestMetrics(raw);
            AddRowCounts(metrics, points);
            AddShapes(metrics, points);
            AddMemory(metrics, points);
            AddClusters(metrics, points);
            AddFeatures(metrics, points);
        }

        return points;
    }

    /// <summary><c>rowsRead</c>, <c>rowsQuarantined</c>, ...: kind <c>read</c>, <c>quarantined</c>, ...</summary>
    private static void AddRowCounts(ManifestMetrics metrics, List<DataPoint> points)
    {
        foreach (var (kind, rows) in metrics.RowCounts())
        {
            Add(points, DataInstruments.StepRows, rows, Label("kind", SnakeCase(kind)));
        }
    }

    private static void AddShapes(ManifestMetrics metrics, List<DataPoint> points)
    {
        foreach (var (stage, shape) in metrics.Shapes())
        {
            Add(points, DataInstruments.Rows, shape.Rows, Label("stage", stage));
            Add(points, DataInstruments.Columns, shape.Columns, Label("stage", stage));
        }
    }

    /// <summary><c>memory: {workingSetBytes, managedHeapBytes, peakWorkingSetBytes}</c>: kind working_set, ...</summary>
    private static void AddMemory(ManifestMetrics metrics, List<DataPoint> points)
    {
        foreach (var (kind, bytes) in metrics.Memory())
        {
            Add(points, DataInstruments.Memory, bytes, Label("kind", SnakeCase(kind)));
        }
    }

    /// <summary>
    /// The cluster distribution of each set (training, prediction), labelled with the model version; and a trained
    /// version's stability against production (adjusted Rand index, moved share, centroid shifts).
    /// </summary>
    private static void AddClusters(ManifestMetrics metrics, List<DataPoint> points)
    {
        var version = metrics.ModelVersion is { } known ? known.ToString(CultureInfo.InvariantCulture) : "unknown";
        foreach (var (set, cluster) in metrics.ClusterDistribution())
        {
            KeyValuePair<string, object?>[] labels =
                [Label("model_version", version), Label("set", set), Label("cluster", cluster.Cluster.ToString(CultureInfo.InvariantCulture))];
            Add(points, DataInstruments.ClusterSize, cluster.Count, labels);
            Add(points, DataInstruments.ClusterShare, cluster.Share, labels);
        }

        if (metrics.Stability() is { } stability)
        {
            KeyValuePair<string, object?>[] against = [Label("model_version", version), Label("against_version", stability.AgainstVersion.ToString(CultureInfo.InvariantCulture))];
            Add(points, DataInstruments.AdjustedRandIndex, stability.AdjustedRandIndex, against);
            Add(points, DataInstruments.MovedShare, stability.MovedShare, against);
            foreach (var shift in stability.ClusterShifts ?? [])
            {
                Add(points, DataInstruments.CentroidShift, shift.Shift, [.. against, Label("cluster", shift.Cluster.ToString(CultureInfo.InvariantCulture))]);
            }
        }
    }

    private static void AddFeatures(ManifestMetrics metrics, List<DataPoint> points)
    {
        foreach (var (feature, stat) in metrics.FeatureStats())
        {
            Add(points, DataInstruments.FeatureMean, stat.Mean, Label("feature", feature));
            Add(points, DataInstruments.FeatureStd, stat.Std, Label("feature", feature));
        }

        foreach (var (feature, drift, saysDrifted) in metrics.Drift())
        {
            // No z-score until the history has runs to compare with: no value rather than a made-up zero.
            Add(points, DataInstruments.FeatureDrift, drift.ZScore, Label("feature", feature));
            if (saysDrifted)
            {
                Add(points, DataInstruments.FeatureDrifted, drift.Drifted ? 1 : 0, Label("feature", feature));
            }
        }
    }

    /// <summary>A value the step reported; none when it reported none, or a NaN or infinity (no gauge can show them).</summary>
    private static void Add(List<DataPoint> points, string instrument, double? value, params KeyValuePair<string, object?>[] labels)
    {
        if (value is { } known && double.IsFinite(known))
        {
            points.Add(new DataPoint(instrument, known, labels));
        }
    }

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
