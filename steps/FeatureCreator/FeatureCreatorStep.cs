using System.Text.Json.Nodes;
using FeatureKinds = Pipeline.Steps.Features.FeatureKinds;
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

        IReadOnlyList<string> columns;
        FeatureAggregate aggregate;
        using (context.Timings.Measure("read"))
        {
            var plan = InputLocator.Resolve(options.Input);
            context.AddInput(plan.Record);
            columns = await ColumnSelector.SelectAsync(plan, options.Columns, cancellationToken);
            var workers = options.ResolveWorkers();
            FeatureCreatorLog.Reading(context.Logger, plan.Files.Count, workers, string.Join(",", columns));
            aggregate = await ChunkScanner.ScanAsync(plan.Files, columns, workers, cancellationToken);
            if (options.ExcludeOutliers)
            {
                // The bounds come from every reading; the features are then made again from those within them. The
                // second pass's histograms hold every reading too (the outliers are left out of the features only).
                var keptWithin = OutlierReport.Bounds(aggregate.Histograms, columns, options.OutlierZ);
                aggregate = await ChunkScanner.ScanAsync(plan.Files, columns, workers, cancellationToken, keptWithin);
            }
        }

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
            table = FeatureTable.Build(aggregate, columns, kinds, options.MinReadings);
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

            // Recorded only once the output is written; the host publishes it right after this body returns.
            await history.AppendAsync(new FeatureRun(context.Clock.GetUtcNow(), featureStats), cancellationToken);
        }

        return FeatureMetrics.Build(aggregate, table, columns, featureStats, drift, options.OutlierZ, options.ExcludeOutliers);
    }
}
