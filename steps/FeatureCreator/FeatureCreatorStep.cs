using System.Text.Json.Nodes;
using FeatureKinds = Pipeline.Steps.Features.FeatureKinds;
using SensorTable = Pipeline.Steps.Features.SensorTable;
using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.FeatureCreator.Drift;
using Pipeline.Steps.FeatureCreator.Features;
using Pipeline.Steps.FeatureCreator.Input;
using Pipeline.Steps.FeatureCreator.Partitions;
using Pipeline.Steps.FeatureCreator.Reading;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Runtime.Parquet;

namespace Pipeline.Steps.FeatureCreator;

/// <summary>
/// The step body: read the chunks (streamed, a row group at a time, on a few workers), aggregate per sensor-day,
/// write <c>features.parquet</c>, then compare the feature summaries with earlier runs and record this one.
/// </summary>
public static class FeatureCreatorStep
{
    public const string OutputFileName = "features.parquet";

    public static async Task<JsonObject> RunAsync(StepContext<FeatureCreatorOptions> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Options;
        var kinds = FeatureKinds.Select(options.Features);
        if (options.AssetDir is { Length: > 0 })
        {
            return await PartitionedFeatures.RunAsync(context, kinds, cancellationToken);
        }

        IReadOnlyList<string> scanned;
        IReadOnlyList<string> texts;
        FeatureAggregate aggregate;
        SensorAttributes attributes;
        using (context.Timings.Measure("read"))
        {
            var plan = InputLocator.Resolve(options.Input);
            context.AddInput(plan.Record);
            var (values, allTexts) = await ColumnSelector.AvailableAsync(plan, cancellationToken);
            var named = SensorAttributes.Named(options.SensorAttributes, values, allTexts);
            // The attributes named are read besides the --columns; the detected ones are among those read.
            scanned = [.. ColumnSelector.Select(values, options.Columns, plan.Files[0]).Union(named?.Numbers ?? [])];
            texts = named?.Texts ?? allTexts;
            var workers = options.ResolveWorkers();
            FeatureCreatorLog.Reading(context.Logger, plan.Files.Count, workers, string.Join(",", scanned));
            aggregate = await ChunkScanner.ScanAsync(plan.Files, scanned, workers, cancellationToken, textColumns: texts, detecting: named is null);
            attributes = named ?? SensorAttributes.Detect(aggregate, scanned, texts, "this run's readings", numbers: options.Columns is null);
            if (options.ExcludeOutliers)
            {
                // The bounds come from every reading; the features are then made again from those within them. The
                // second pass's histograms hold every reading too (the outliers are left out of the features only).
                var keptWithin = OutlierReport.Bounds(aggregate.Histograms, attributes.FeatureColumns(scanned), options.OutlierZ);
                texts = attributes.Texts;
                aggregate = await ChunkScanner.ScanAsync(plan.Files, scanned, workers, cancellationToken, keptWithin, texts);
            }
        }

        var columns = attributes.FeatureColumns(scanned);
        SensorTable? sensors;
        FeatureCreatorLog.Aggregated(context.Logger, aggregate.RowsRead, aggregate.GroupCount);
        if (aggregate.RowsRead == 0)
        {
            throw StepException.BadData("the input chunks hold no rows", new SourceLocation(options.Input));
        }

        var history = new FeatureHistoryStore(context.StateDirectory, context.Logger, context.Clock);
        FeatureTable table;
        Dictionary<string, FeatureStat> featureStats;
        Dictionary<string, DriftResult> drift;
        FeatureHistory earlier;
        using (context.Timings.Measure("aggregate"))
        {
            table = FeatureTable.Build(aggregate, scanned, kinds, options.MinReadings, attributes.Numbers);
            featureStats = FeatureStatistics.Compute(table);
            earlier = await history.LoadAsync(cancellationToken);
            drift = DriftCalculator.Compute(featureStats, earlier.Runs, options.DriftWindow, options.DriftThreshold);
        }

        foreach (var (name, result) in drift.Where(d => d.Value.Drifted))
        {
            FeatureCreatorLog.Drifted(context.Logger, name, result.Mean, result.ZScore, result.BaselineMean);
        }

        if (options.DriftGate && DriftGate.Reason(drift, "against the earlier runs") is { } reason)
        {
            context.Block(reason);
        }

        using (context.Timings.Measure("write"))
        {
            var schema = FeatureWriter.Schema(table);
            await FeatureWriter.WriteAsync(context.Output.PathFor(OutputFileName), table, schema, cancellationToken);
            context.Output.AddSchema("features", ParquetColumns.Describe(schema));
            context.Output.AddFile(OutputFileName, table.RowCount, schema.GetDataFields().Length, "features");

            sensors = attributes.IsEmpty ? null : new SensorTable(attributes.Numbers, attributes.Texts, []).Merge(attributes.Observe(aggregate, scanned, texts));
            if (sensors is not null)
            {
                await sensors.WriteAsync(context.Output.PathFor(SensorTable.FileName), cancellationToken);
                context.Output.AddFile(SensorTable.FileName, sensors.Rows.Count, 4 + sensors.AttributeColumns.Count, "sensors");
            }

            // Recorded only once the output is written; the host publishes it right after this body returns.
            await history.AppendAsync(new FeatureRun(context.Clock.GetUtcNow(), featureStats), cancellationToken);
        }

        var metrics = FeatureMetrics.Build(aggregate, table, scanned, columns, featureStats, drift, options.OutlierZ, options.ExcludeOutliers);
        metrics[MetricNames.SensorAttributes] = attributes.Report(sensors ?? new SensorTable([], [], []), [.. sensors?.Rows.Select(r => r.SensorId) ?? []]);
        return metrics;
    }
}
