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
/// The step body: read the chunks (streamed, a row group at a time, on a few workers), aggregate per sensor-day and
/// write <c>features.parquet</c> a window of days at a time, then compare the feature summaries with earlier runs
/// and record this one.
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

        var plan = InputLocator.Resolve(options.Input);
        context.AddInput(plan.Record);
        var (values, allTexts) = await ColumnSelector.AvailableAsync(plan, cancellationToken);
        var attributes = SensorAttributes.Named(options.SensorAttributes, values, allTexts);
        // The attributes named are read besides the --columns; the detected ones are among those read.
        IReadOnlyList<string> scanned = [.. ColumnSelector.Select(values, options.Columns, plan.Files[0]).Union(attributes?.Numbers ?? [])];
        var texts = attributes?.Texts ?? allTexts;
        var workers = options.ResolveWorkers();
        var detectNumbers = options.Columns is null;
        FeatureCreatorLog.Reading(context.Logger, plan.Files.Count, workers, string.Join(",", scanned));
        Dictionary<string, (double Low, double High)>? keptWithin = null;
        if (options.ExcludeOutliers)
        {
            // The bounds come from every reading; the features are then made from those within them. The second
            // pass's histograms hold every reading too (the outliers are left out of the features only).
            FeatureAggregate? all;
            SensorAttributes? detected = null;
            using (context.Timings.Measure("bounds"))
            {
                all = await ChunkScanner.StreamAsync(plan.Files, scanned, workers, window =>
                {
                    detected ??= SensorAttributes.Detect(window, scanned, texts, "this run's first day", numbers: detectNumbers);
                    return Task.CompletedTask;
                }, cancellationToken, textColumns: texts, detecting: attributes is null);
                if (all is null)
                {
                    // In no day order: the first window was incomplete, so what it showed decides nothing.
                    detected = null;
                    all = await ChunkScanner.ScanAsync(plan.Files, scanned, workers, cancellationToken, textColumns: texts, detecting: attributes is null);
                }
            }

            attributes ??= detected ?? SensorAttributes.Detect(all, scanned, texts, "this run's readings", numbers: detectNumbers);
            keptWithin = OutlierReport.Bounds(all.Histograms, attributes.FeatureColumns(scanned), options.OutlierZ);
            texts = attributes.Texts;
        }

        var path = context.Output.PathFor(OutputFileName);
        var run = new WindowedFeatures(path, scanned, texts, kinds, options.MinReadings, attributes, detectNumbers);
        FeatureAggregate aggregate;
        try
        {
            using (context.Timings.Measure("read"))
            {
                // A window of days at a time (see DayWindows); an input in no day order is read again, holding every sensor-day.
                var streamed = await ChunkScanner.StreamAsync(
                    plan.Files, scanned, workers, window => run.AddAsync(window, cancellationToken), cancellationToken, keptWithin, texts, detecting: attributes is null);
                if (streamed is null)
                {
                    FeatureCreatorLog.Unordered(context.Logger, plan.Files.Count);
                    await run.DisposeAsync();
                    run = new WindowedFeatures(path, scanned, texts, kinds, options.MinReadings, attributes, detectNumbers);
                    streamed = await ChunkScanner.ScanAsync(plan.Files, scanned, workers, cancellationToken, keptWithin, texts, detecting: attributes is null);
                    await run.AddAsync(streamed.TakeAll(), cancellationToken);
                }

                aggregate = streamed;
            }
        }
        finally
        {
            await run.DisposeAsync();
        }

        FeatureCreatorLog.Aggregated(context.Logger, aggregate.RowsRead, run.Totals.Groups);
        if (aggregate.RowsRead == 0 || run.Attributes is not { } decided || run.Schema is not { } schema)
        {
            throw StepException.BadData("the input chunks hold no rows", new SourceLocation(options.Input));
        }

        var columns = decided.FeatureColumns(scanned);
        var history = new FeatureHistoryStore(context.StateDirectory, context.Logger, context.Clock);
        var featureStats = run.Totals.FeatureStats();
        var earlier = await history.LoadAsync(cancellationToken);
        var drift = DriftCalculator.Compute(featureStats, earlier.Runs, options.DriftWindow, options.DriftThreshold);
        foreach (var (name, result) in drift.Where(d => d.Value.Drifted))
        {
            FeatureCreatorLog.Drifted(context.Logger, name, result.Mean, result.ZScore, result.BaselineMean);
        }

        if (options.DriftGate && DriftGate.Reason(drift, "against the earlier runs") is { } reason)
        {
            context.Block(reason);
        }

        context.Output.AddSchema("features", ParquetColumns.Describe(schema));
        context.Output.AddFile(OutputFileName, run.Totals.Groups, schema.GetDataFields().Length, "features");
        var sensors = decided.IsEmpty ? null : run.Sensors ?? new SensorTable(decided.Numbers, decided.Texts, []);
        if (sensors is not null)
        {
            await sensors.WriteAsync(context.Output.PathFor(SensorTable.FileName), cancellationToken);
            context.Output.AddFile(SensorTable.FileName, sensors.Rows.Count, 4 + sensors.AttributeColumns.Count, "sensors");
        }

        // Recorded only once the output is written; the host publishes it right after this body returns.
        await history.AppendAsync(new FeatureRun(context.Clock.GetUtcNow(), featureStats), cancellationToken);
        var metrics = FeatureMetrics.Build(aggregate, run.Totals, scanned, columns, featureStats, drift, options.OutlierZ, options.ExcludeOutliers);
        metrics[MetricNames.SensorAttributes] = decided.Report(sensors ?? new SensorTable([], [], []), [.. sensors?.Rows.Select(r => r.SensorId) ?? []]);
        return metrics;
    }
}
