using System.Text.Json;
using Pipeline.Orchestrator.Engine.Telemetry;

namespace Pipeline.Orchestrator.Tests.Telemetry;

public sealed class ManifestObservationsTests
{
    [Fact]
    public void Shapes_rows_memory_clusters_and_features_become_labelled_values()
    {
        var points = Read("""
            {"finishedAt": "2026-01-02T03:04:05Z", "timingsMs": {"read": 1500, "total": 2000},
             "metrics": {"rowsRead": 10, "rowsQuarantined": 2, "rowsetName": 3, "shapes": {"input": {"rows": 10, "columns": 4}},
               "memory": {"workingSetBytes": 100, "managedHeapBytes": 50, "peakWorkingSetBytes": 120},
               "model": {"version": 7}, "clusterDistribution": {"training": [{"cluster": 0, "count": 3, "share": 0.75}, {"cluster": 1, "count": 1, "share": 0.25}]},
               "stability": {"againstVersion": 6, "rows": 4, "adjustedRandIndex": 0.62, "movedShare": 0.25, "clusterShifts": [{"cluster": 0, "shift": 0.1}, {"cluster": 1, "shift": 1.4}]},
               "featureStats": {"t_mean": {"mean": 1.5, "std": 0.5}}, "drift": {"t_mean": {"zScore": 3.5, "drifted": true}}}}
            """);

        Assert.Equal(1767323045, Single(points, DataInstruments.LastSuccess).Value);
        Assert.Equal(1.5, Single(points, DataInstruments.PhaseDuration, ("phase", "read")).Value);
        Assert.Equal(10, Single(points, DataInstruments.StepRows, ("kind", "read")).Value);
        Assert.Equal(2, Single(points, DataInstruments.StepRows, ("kind", "quarantined")).Value);
        Assert.Equal(2, points.Count(p => p.Instrument == DataInstruments.StepRows));
        Assert.Equal(10, Single(points, DataInstruments.Rows, ("stage", "input")).Value);
        Assert.Equal(4, Single(points, DataInstruments.Columns, ("stage", "input")).Value);
        Assert.Equal(120, Single(points, DataInstruments.Memory, ("kind", "peak_working_set")).Value);
        Assert.Equal(50, Single(points, DataInstruments.Memory, ("kind", "managed_heap")).Value);
        Assert.Equal(0.25, Single(points, DataInstruments.ClusterShare, ("model_version", "7"), ("set", "training"), ("cluster", "1")).Value);
        Assert.Equal(3, Single(points, DataInstruments.ClusterSize, ("model_version", "7"), ("set", "training"), ("cluster", "0")).Value);
        Assert.Equal(0.62, Single(points, DataInstruments.AdjustedRandIndex, ("model_version", "7"), ("against_version", "6")).Value);
        Assert.Equal(0.25, Single(points, DataInstruments.MovedShare, ("model_version", "7"), ("against_version", "6")).Value);
        Assert.Equal(1.4, Single(points, DataInstruments.CentroidShift, ("model_version", "7"), ("against_version", "6"), ("cluster", "1")).Value);
        Assert.Equal(0.5, Single(points, DataInstruments.FeatureStd, ("feature", "t_mean")).Value);
        Assert.Equal(3.5, Single(points, DataInstruments.FeatureDrift, ("feature", "t_mean")).Value);
        Assert.Equal(1, Single(points, DataInstruments.FeatureDrifted, ("feature", "t_mean")).Value);
    }

    [Fact]
    public void Malformed_or_missing_fields_give_no_values_instead_of_failing()
    {
        var points = Read("""
            {"finishedAt": 5, "timingsMs": [1], "metrics": {"rowsRead": "ten", "shapes": {"input": {"rows": "x"}, "bad": 3},
             "memory": null, "clusterDistribution": {"training": [{"count": 3}, 4]}, "drift": {"t": {"zScore": null, "drifted": "no"}}}}
            """);

        Assert.Empty(points);
        Assert.Empty(Read("[1, 2]"));
    }

    [Fact]
    public void A_bad_entry_hides_only_itself_and_nothing_missing_reads_as_zero()
    {
        var points = Read("""
            {"metrics": {"shapes": {"input": {"rows": 10, "columns": 3}, "odd": {"rows": "x", "columns": 2}},
             "memory": {"workingSetBytes": 100, "gpuBytes": 7},
             "model": {"k": 3},
             "clusterDistribution": {"training": [{"cluster": 0, "count": 3, "share": 0.75}, {"cluster": 1, "count": "many", "share": 0.25}]},
             "featureStats": {"t_mean": {"mean": "NaN", "std": 0.5, "count": 3}, "h_mean": {"mean": 2.5, "count": 3}},
             "drift": {"t_mean": {"zScore": 1.5, "baselineRuns": 2}}}}
            """);

        Assert.Equal(10, Single(points, DataInstruments.Rows, ("stage", "input")).Value);
        Assert.DoesNotContain(points, p => p.Labels.Any(l => (string?)l.Value == "odd"));
        Assert.Equal(7, Single(points, DataInstruments.Memory, ("kind", "gpu")).Value);
        Assert.Equal(0.75, Single(points, DataInstruments.ClusterShare, ("model_version", "unknown"), ("set", "training"), ("cluster", "0")).Value);
        Assert.DoesNotContain(points, p => p.Labels.Any(l => l.Key == "cluster" && (string?)l.Value == "1"));
        // A NaN mean has no gauge value; the same feature's std still has one.
        Assert.DoesNotContain(points, p => p.Instrument == DataInstruments.FeatureMean && p.Labels.Any(l => (string?)l.Value == "t_mean"));
        Assert.Equal(0.5, Single(points, DataInstruments.FeatureStd, ("feature", "t_mean")).Value);
        Assert.DoesNotContain(points, p => p.Instrument == DataInstruments.FeatureStd && p.Labels.Any(l => (string?)l.Value == "h_mean"));
        // A step that does not say whether a feature drifted is not read as "did not drift".
        Assert.Equal(1.5, Single(points, DataInstruments.FeatureDrift, ("feature", "t_mean")).Value);
        Assert.DoesNotContain(points, p => p.Instrument == DataInstruments.FeatureDrifted);
    }

    private static IReadOnlyList<DataPoint> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ManifestObservations.From(document.RootElement);
    }

    private static DataPoint Single(IReadOnlyList<DataPoint> points, string instrument, params (string Name, string Value)[] labels) =>
        Assert.Single(points, p => p.Instrument == instrument
            && labels.All(l => p.Labels.Any(x => x.Key == l.Name && (string?)x.Value == l.Value)));
}
