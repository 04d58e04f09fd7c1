using System.Text.Json.Nodes;
using System.Text.Json;
using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.FeatureCreator.Features;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.FeatureCreator;

/// <summary>Builds the manifest's <c>metrics</c>; the property names are part of the step's contract.</summary>
internal static class FeatureMetrics
{
    /// <summary>sensor_id, timestamp and date.</summary>
    internal const int ChunkKeyColumns = 3;

    /// <summary>The metrics of a whole-run FeatureCreator.</summary>
    /// <param name="aggregate">The run's counts and histograms, over every file read.</param>
    /// <param name="totals">The features made, added up over the run's windows of days.</param>
    /// <param name="valueColumns">The value columns read, in the order of each sensor-day's accumulators.</param>
    /// <param name="featureColumns">Those of them with features (the rest are sensor attributes).</param>
    /// <param name="featureStats">Each feature's summary.</param>
    /// <param name="drift">Each feature's drift against earlier runs.</param>
    /// <param name="outlierZ">The outlier rule's limit (0: off).</param>
    /// <param name="outliersExcluded">Whether outliers were left out of the features.</param>
    public static JsonObject Build(
        FeatureAggregate aggregate,
        FeatureTotals totals,
        IReadOnlyList<string> valueColumns,
        IReadOnlyList<string> featureColumns,
        IReadOnlyDictionary<string, FeatureStat> featureStats,
        IReadOnlyDictionary<string, DriftResult> drift,
        double outlierZ,
        bool outliersExcluded)
    {
        var nonFinite = new JsonObject();
        for (var j = 0; j < valueColumns.Count; j++)
        {
            nonFinite[valueColumns[j]] = new JsonObject
            {
                ["na"] = totals.NonFinite[j].Na,
                ["nan"] = totals.NonFinite[j].NaN,
                ["positiveInfinity"] = totals.NonFinite[j].PositiveInfinity,
                ["negativeInfinity"] = totals.NonFinite[j].NegativeInfinity,
            };
        }

        return new JsonObject
        {
            ["rowsRead"] = aggregate.RowsRead,
            ["groups"] = totals.Groups,
            ["sensors"] = totals.Sensors,
            ["days"] = totals.Days,
            ["valueColumns"] = new JsonArray([.. featureColumns.Select(c => JsonValue.Create(c))]),
            [MetricNames.Shapes] = JsonSerializer.SerializeToNode(
                new Dictionary<string, DataShape>
                {
                    ["input"] = new(aggregate.RowsRead, aggregate.InputColumnCount),
                    ["cleaned"] = new(aggregate.CleanedRows, ChunkKeyColumns + valueColumns.Count),
                    ["output"] = new(totals.Groups, FeatureTable.KeyColumnCount + totals.FeatureColumnCount),
                },
                ManifestJsonContext.Default.IReadOnlyDictionaryStringDataShape),
            [MetricNames.Memory] = JsonSerializer.SerializeToNode(ProcessMemory.Sample(), ManifestJsonContext.Default.MemoryMetrics),
            ["nonFinite"] = nonFinite,
            [MetricNames.Outliers] = OutlierReport.Build(aggregate.Histograms, featureColumns, outlierZ),
            ["outlierRule"] = outlierZ > 0 ? OutlierReport.Rule(outlierZ, outliersExcluded) : null,
            ["lowReadingDays"] = totals.LowReadingDays,
            ["minReadings"] = totals.MinReadings,
            [MetricNames.FeatureStats] = JsonSerializer.SerializeToNode(featureStats, FeatureCreatorJsonContext.Default.IReadOnlyDictionaryStringFeatureStat),
            [MetricNames.Drift] = JsonSerializer.SerializeToNode(drift, FeatureCreatorJsonContext.Default.IReadOnlyDictionaryStringDriftResult),
        };
    }
}
