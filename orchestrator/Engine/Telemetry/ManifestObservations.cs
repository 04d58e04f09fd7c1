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
            points.Add(new DataPoint(DataInstruments.LastSuccess, finishedAt.ToUnixTimeMilliseconds() / 1000.0, []));
        }

        if (manifest.TryGetProperty("timingsMs", out var timings) && timings.ValueKind == JsonValueKind.Object)
        {
            foreach (var phase in timings.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
            {
                points.Add(new DataPoint(DataInstruments.PhaseDuration, phase.Value.GetDouble() / 1000, [Label("phase", phase.Name)]));
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
            points.Add(new DataPoint(DataInstruments.StepRows, rows, [Label("kind", SnakeCase(kind))]));
        }
    }

    private static void AddShapes(ManifestMetrics metrics, List<DataPoint> points)
    {
        foreach (var (stage, shape) in metrics.Shapes ?? new Dictionary<string, DataShape>())
        {
            points.Add(new DataPoint(DataInstruments.Rows, shape.Rows, [Label("stage", stage)]));
            points.Add(new DataPoint(DataInstruments.Columns, shape.Columns, [Label("stage", stage)]));
        }
    }

    private static void AddMemory(ManifestMetrics metrics, List<DataPoint> points)
    {
        if (metrics.Memory is not { } memory)
        {
            return;
        }

        points.Add(new DataPoint(DataInstruments.Memory, memory.WorkingSetBytes, [Label("kind", "working_set")]));
        points.Add(new DataPoint(DataInstruments.Memory, memory.ManagedHeapBytes, [Label("kind", "managed_heap")]));
        points.Add(new DataPoint(DataInstruments.Memory, memory.PeakWorkingSetBytes, [Label("kind", "peak_working_set")]));
    }

    /// <summary>The cluster distribution of each set (training, prediction), labelled with the model version.</summary>
    private static void AddClusters(ManifestMetrics metrics, List<DataPoint> points)
    {
        if (metrics.ClusterDistribution is not { } distribution)
        {
            return;
        }

        var version = metrics.Model is { } model ? model.Version.ToString(CultureInfo.InvariantCulture) : "unknown";
        foreach (var (set, clusters) in distribution)
        {
            foreach (var cluster in clusters)
            {
                KeyValuePair<string, object?>[] labels =
                    [Label("model_version", version), Label("set", set), Label("cluster", cluster.Cluster.ToString(CultureInfo.InvariantCulture))];
                points.Add(new DataPoint(DataInstruments.ClusterSize, cluster.Count, labels));
                points.Add(new DataPoint(DataInstruments.ClusterShare, cluster.Share, labels));
            }
        }
    }

    private static void AddFeatures(ManifestMetrics metrics, List<DataPoint> points)
    {
        foreach (var (feature, stat) in metrics.FeatureStats ?? new Dictionary<string, FeatureStat>())
        {
            AddIfKnown(points, DataInstruments.FeatureMean, stat.Mean, feature);
            AddIfKnown(points, DataInstruments.FeatureStd, stat.Std, feature);
        }

        foreach (var (feature, drift) in metrics.Drift ?? new Dictionary<string, DriftResult>())
        {
            // No z-score until the history has runs to compare with: no value rather than a made-up zero.
            AddIfKnown(points, DataInstruments.FeatureDrift, drift.ZScore, feature);
            points.Add(new DataPoint(DataInstruments.FeatureDrifted, drift.Drifted ? 1 : 0, [Label("feature", feature)]));
        }
    }

    private static void AddIfKnown(List<DataPoint> points, string instrument, double? value, string feature)
    {
        if (value is { } known)
        {
            points.Add(new DataPoint(instrument, known, [Label("feature", feature)]));
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
