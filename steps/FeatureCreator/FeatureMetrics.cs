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
    /// <param name="aggregate">Every sensor-day read.</param>
    /// <param name="table">The features made.</param>
    /// <param name="valueColumns">The value columns read, in the order of each sensor-day's accumulators.</param>
    /// <param name="featureColumns">Those of them with features (the rest are sensor attributes).</param>
    /// <param name="featureStats">Each feature's summary.</param>
    /// <param name="drift">Each feature's drift against earlier runs.</param>
    /// <param name="outlierZ">The outlier rule's limit (0: off).</param>
    /// <param name="outliersExcluded">Whether outliers were left out of the features.</param>
    public static JsonObject Build(
        FeatureAggregate aggregate,
        FeatureTable table,
        IReadOnlyList<string> valueColumns,
        IReadOnlyList<string> featureColumns,
        IReadOnlyDictionary<string, FeatureStat> featureStats,
        IReadOnlyDictionary<string, DriftResult> drift,
        double outlierZ,
        bool outliersExcluded)
    {
        var keys = Enumerable.Range(0, table.RowCount).Select(table.Key).ToArray();
        var lowReadingDays = Enumerable.Range(0, table.RowCount).Count(table.IsLowReadings);
        // One pass over the scattered sensor-day accumulators, all columns at once (see FeatureTable).
        var totals = new (long Na, long NaN, long PositiveInfinity, long NegativeInfinity)[valueColumns.Count];
        for (var row = 0; row < table.RowCount; row++)
        {
            var columns = table.Group(row).Columns;
            for (var j = 0; j < totals.Length; j++)
            {
                totals[j].Na += columns[j].Na;
                totals[j].NaN += columns[j].NaN;
                totals[j].PositiveInfinity += columns[j].PositiveInfinity;
                totals[j].NegativeInfinity += columns[j].NegativeInfinity;
            }
        }

        var nonFinite = new JsonObject();
        for (var j = 0; j < valueColumns.Count; j++)
        {
            nonFinite[valueColumns[j]] = new JsonObject
            {
                ["na"] = totals[j].Na,
                ["nan"] = totals[j].NaN,
                ["positiveInfinity"] = totals[j].PositiveInfinity,
                ["negativeInfinity"] = totals[j].NegativeInfinity,
            };
        }

        return new JsonObject
        {
            ["rowsRead"] = aggregate.RowsRead,
            ["groups"] = table.RowCount,
            ["sensors"] = keys.Select(k => k.SensorId).Distinct(StringComparer.Ordinal).Count(),
            ["days"] = keys.Select(k => k.Day).Distinct().Count(),
            ["valueColumns"] = new JsonArray([.. featureColumns.Select(c => JsonValue.Create(c))]),
            [MetricNames.Shapes] = JsonSerializer.SerializeToNode(
                new Dictionary<string, DataShape>
                {
                    ["input"] = new(aggregate.RowsRead, aggregate.InputColumnCount),
                    ["cleaned"] = new(aggregate.CleanedRows, ChunkKeyColumns + valueColumns.Count),
                    ["output"] = new(table.RowCount, FeatureTable.KeyColumnCount + table.Columns.Count),
                },
                ManifestJsonContext.Default.IReadOnlyDictionaryStringDataShape),
            [MetricNames.Memory] = JsonSerializer.SerializeToNode(ProcessMemory.Sample(), ManifestJsonContext.Default.MemoryMetrics),
            ["nonFinite"] = nonFinite,
            [MetricNames.Outliers] = OutlierReport.Build(aggregate.Histograms, featureColumns, outlierZ),
            ["outlierRule"] = outlierZ > 0 ? OutlierReport.Rule(outlierZ, outliersExcluded) : null,
            ["lowReadingDays"] = lowReadingDays,
            ["minReadings"] = table.MinReadings,
            [MetricNames.FeatureStats] = JsonSerializer.SerializeToNode(featureStats, FeatureCreatorJsonContext.Default.IReadOnlyDictionaryStringFeatureStat),
            [MetricNames.Drift] = JsonSerializer.SerializeToNode(drift, FeatureCreatorJsonContext.Default.IReadOnlyDictionaryStringDriftResult),
        };
    }
}
