using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Steps.Assets;
using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.FeatureCreator.Drift;
using Pipeline.Steps.FeatureCreator.Features;
using Pipeline.Steps.FeatureCreator.Reading;
using FeatureKind = Pipeline.Steps.Features.FeatureKind;
using FeatureTableReader = Pipeline.Steps.Features.FeatureTableReader;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Runtime.Parquet;

namespace Pipeline.Steps.FeatureCreator.Partitions;

/// <summary>
/// The FeatureCreator over assets (<c>--asset-dir</c>): one features partition per readings partition, computed
/// only where the readings partition changed since its features were made (its content hash differs from the one
/// the features partition records) or has no features yet. Each computed day's features are compared with the
/// trailing <c>--drift-window</c> days before it, so drift is a property of the data, not of how runs were cut.
/// </summary>
internal static class PartitionedFeatures
{
    public static async Task<JsonObject> RunAsync(StepContext<FeatureCreatorOptions> context, IReadOnlyList<FeatureKind> kinds, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var input = Path.GetFullPath(options.Input).TrimEnd(Path.DirectorySeparatorChar);
        var readings = AssetDescription.Read(input)
            ?? throw StepException.BadOption($"--asset-dir needs --input to be an asset folder (one with {AssetLayout.MetadataFolder}/{AssetDescription.FileName}, as the Chunker's --asset-dir makes); {input} is not one");
        context.AddInput(new InputRecord(input, 0, null));
        using var asset = AssetWriter.Open(options.AssetDir!, readings.TimeZone, cancellationToken);
        var (todo, upToDate, leftStale) = asset.PartitionsToMake(input, options.Policy, options.Partition);
        var stats = new FeatureStatsStore(asset.Folder);
        var history = stats.Read();
        var columns = ValueColumns(readings, options.Columns);
        var drifted = new JsonObject();
        Dictionary<string, DriftResult>? newestDrift = null;
        Dictionary<string, FeatureStat>? newestStats = null;
        long rowsRead = 0;
        long cleaned = 0;
        long groups = 0;
        var inputColumns = 0;
        var outputColumns = 0;
        var histograms = new Dictionary<string, ValueHistogram>(StringComparer.Ordinal);
        using (context.Timings.Measure("partitions"))
        {
            // With --exclude-outliers, the bounds come from the readings of every day this run makes, read first.
            var keptWithin = options.ExcludeOutliers
                ? OutlierReport.Bounds((await ChunkScanner.ScanAsync([.. todo.SelectMany(t => Files(input, t.Key))], columns, options.ResolveWorkers(), cancellationToken)).Histograms, columns, options.OutlierZ)
                : null;
            foreach (var (key, sha) in todo)
            {
                var aggregate = await ChunkScanner.ScanAsync(Files(input, key), columns, options.ResolveWorkers(), cancellationToken, keptWithin);
                var table = FeatureTable.Build(aggregate, columns, kinds, options.MinReadings);
                var featureStats = FeatureStatistics.Compute(table);
                var baseline = history.Where(h => string.CompareOrdinal(h.Key, key) < 0).TakeLast(options.DriftWindow).Select(h => h.Value).ToList();
                var drift = DriftCalculator.Compute(featureStats, baseline, options.DriftWindow, options.DriftThreshold);
                await PublishAsync(context, asset, key, table, [new PartitionInput(readings.Name, key, null, sha)], cancellationToken);
                history[key] = new FeatureRun(context.Clock.GetUtcNow(), featureStats);
                rowsRead += aggregate.RowsRead;
                cleaned += aggregate.CleanedRows;
                FeatureAggregate.MergeHistograms(histograms, aggregate.Histograms);
                groups += table.RowCount;
                inputColumns = aggregate.InputColumnCount;
                outputColumns = FeatureTable.KeyColumnCount + table.Columns.Count;
                newestDrift = drift;
                newestStats = featureStats;
                var names = drift.Where(d => d.Value.Drifted).Select(d => (JsonNode)d.Key!).ToArray();
                if (names.Length > 0)
                {
                    drifted[key] = new JsonArray(names);
                }

            }

            // Each drifted feature of the newest day is logged; earlier days' are in the metrics (a backfill of a
            // thousand days would otherwise log thousands of lines).
            foreach (var (name, result) in (newestDrift ?? []).Where(d => d.Value.Drifted))
            {
                FeatureCreatorLog.Drifted(context.Logger, $"{name} on {todo[^1].Key}", result.Mean, result.ZScore, result.BaselineMean);
            }

            if (options.DriftGate && newestDrift is not null && DriftGate.Reason(newestDrift, $"on {todo[^1].Key} against the days before it") is { } reason)
            {
                context.Block(reason);
            }

            stats.Write(history);
            context.AddAsset(asset.Report());
        }

        return new JsonObject
        {
            ["rowsRead"] = rowsRead,
            ["groups"] = groups,
            ["valueColumns"] = new JsonArray([.. columns.Select(c => JsonValue.Create(c))]),
            // The days computed, taken together, in the shape of a whole-run FeatureCreator's.
            [MetricNames.Shapes] = JsonSerializer.SerializeToNode(
                new Dictionary<string, DataShape>
                {
                    ["input"] = new(rowsRead, inputColumns),
                    ["cleaned"] = new(cleaned, FeatureMetrics.ChunkKeyColumns + columns.Count),
                    ["output"] = new(groups, outputColumns),
                },
                ManifestJsonContext.Default.IReadOnlyDictionaryStringDataShape),
            ["partitionsComputed"] = todo.Count,
            ["partitionsUpToDate"] = upToDate,
            ["partitionsLeftStale"] = new JsonArray([.. leftStale.Select(k => JsonValue.Create(k))]),
            // The newest computed day's summaries and drift, in the shape of a whole-run FeatureCreator's, for /metrics.
            [MetricNames.FeatureStats] = newestStats is null ? null : JsonSerializer.SerializeToNode(newestStats, FeatureCreatorJsonContext.Default.DictionaryStringFeatureStat),
            [MetricNames.Drift] = newestDrift is null ? null : JsonSerializer.SerializeToNode(newestDrift, FeatureCreatorJsonContext.Default.DictionaryStringDriftResult),
            ["driftedByPartition"] = drifted,
            // Over every day computed in this run, as a whole-run FeatureCreator counts them.
            [MetricNames.Outliers] = OutlierReport.Build(histograms, columns, options.OutlierZ),
            ["outlierRule"] = options.OutlierZ > 0 ? OutlierReport.Rule(options.OutlierZ, options.ExcludeOutliers) : null,
        };
    }

    private static string[] Files(string input, string key) =>
        [.. Directory.EnumerateFiles(AssetLayout.PartitionFolder(input, key), "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>The value columns of the readings asset (its nullable doubles), or those asked for, checked.</summary>
    private static List<string> ValueColumns(AssetDescription readings, string[]? requested)
    {
        var available = readings.Columns.Where(c => c is { Type: "double", Nullable: true }).Select(c => c.Name).ToList();
        if (requested is not { Length: > 0 })
        {
            return available.Count > 0 ? available : throw StepException.BadData($"the asset '{readings.Name}' has no value columns (nullable doubles)");
        }

        var unknown = requested.Where(c => !available.Contains(c, StringComparer.Ordinal)).ToArray();
        return unknown.Length == 0
            ? [.. requested.Distinct(StringComparer.Ordinal)]
            : throw StepException.BadOption($"--columns: unknown value column(s) {string.Join(", ", unknown)}; available: {string.Join(", ", available)}");
    }

    private static async Task PublishAsync(
        StepContext<FeatureCreatorOptions> context, AssetWriter asset, string key, FeatureTable table, IReadOnlyList<PartitionInput> inputs, CancellationToken cancellationToken)
    {
        var schema = FeatureWriter.Schema(table);
        asset.CheckColumns(ParquetColumns.Describe(schema));
        var folder = AssetWriter.StagePartition(context.Output, key);
        await FeatureWriter.WriteAsync(Path.Combine(folder, FeatureTableReader.FileName), table, schema, cancellationToken);
        asset.Publish(key, folder, table.RowCount, inputs);
    }
}
