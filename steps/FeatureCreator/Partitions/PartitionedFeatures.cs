using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Steps.Assets;
using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.FeatureCreator.Drift;
using Pipeline.Steps.FeatureCreator.Features;
using Pipeline.Steps.FeatureCreator.Reading;
using SensorDay = Pipeline.Steps.Features.SensorDay;
using SensorTable = Pipeline.Steps.Features.SensorTable;
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
        var (scanned, texts, decided) = await AttributeColumnsAsync(asset, readings, options, cancellationToken);
        var attributes = decided;
        var observations = new List<SensorDay>();
        var drifted = new JsonObject();
        Dictionary<string, DriftResult>? newestDrift = null;
        Dictionary<string, FeatureStat>? newestStats = null;
        long rowsRead = 0;
        long cleaned = 0;
        long groups = 0;
        var inputColumns = 0;
        var outputColumns = 0;
        var histograms = new Dictionary<string, ValueHistogram>(StringComparer.Ordinal);
        SensorTable? sensors = null;
        using (context.Timings.Measure("partitions"))
        {
            Dictionary<string, (double Low, double High)>? keptWithin = null;
            if (options.ExcludeOutliers && todo.Count > 0)
            {
                // With --exclude-outliers, the bounds come from the readings of every day this run makes, read first
                // (and a new asset's attributes from those days: they need no bounds).
                var all = await ChunkScanner.ScanAsync([.. todo.SelectMany(t => Files(input, t.Key))], scanned, options.ResolveWorkers(), cancellationToken, textColumns: attributes?.Texts ?? texts, detecting: attributes is null);
                attributes ??= SensorAttributes.Detect(all, scanned, texts, "the days of the asset's first run", numbers: options.Columns is null);
                keptWithin = OutlierReport.Bounds(all.Histograms, attributes.FeatureColumns(scanned), options.OutlierZ);
            }

            foreach (var (key, sha) in todo)
            {
                var dayTexts = attributes?.Texts ?? texts;
                var aggregate = await ChunkScanner.ScanAsync(Files(input, key), scanned, options.ResolveWorkers(), cancellationToken, keptWithin, dayTexts, detecting: attributes is null);
                // A new asset: its first day made decides.
                attributes ??= SensorAttributes.Detect(aggregate, scanned, dayTexts, $"the asset's first day made, {key}", numbers: options.Columns is null);
                if (observations.Count == 0 && !File.Exists(SensorTable.AssetPath(asset.Folder)))
                {
                    // The decision is recorded before any partition is published: a run killed after publishing keeps it.
                    await new SensorTable(attributes.Numbers, attributes.Texts, []).WriteAsync(SensorTable.AssetPath(asset.Folder), cancellationToken);
                }

                observations.AddRange(attributes.Observe(aggregate, scanned, dayTexts));
                var table = FeatureTable.Build(aggregate, scanned, kinds, options.MinReadings, attributes.Numbers);
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
            if (attributes is not null)
            {
                sensors = (await SensorTable.ReadAsync(SensorTable.AssetPath(asset.Folder), cancellationToken) ?? new SensorTable(attributes.Numbers, attributes.Texts, [])).Merge(observations);
                await sensors.WriteAsync(SensorTable.AssetPath(asset.Folder), cancellationToken);
            }

            context.AddAsset(asset.Report());
        }

        var columns = attributes?.FeatureColumns(scanned) ?? scanned;

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
            [MetricNames.SensorAttributes] = attributes?.Report(sensors ?? new SensorTable([], [], []), [.. observations.Select(o => o.SensorId).Distinct(StringComparer.Ordinal)]),
        };
    }

    /// <summary>
    /// The value columns to read (the features' and the number attributes'), the text columns to read, and the
    /// attributes when already decided: by the asset's sensors table (its first run's decision, kept so every day
    /// has the same feature columns), as none for an asset made before sensor attributes, or by
    /// --sensor-attributes for a new asset. Null: a new asset, whose first day made decides.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Scanned, IReadOnlyList<string> Texts, SensorAttributes? Decided)> AttributeColumnsAsync(
        AssetWriter asset, AssetDescription readings, FeatureCreatorOptions options, CancellationToken cancellationToken)
    {
        var values = readings.Columns.Where(c => c is { Type: "double", Nullable: true }).Select(c => c.Name).ToList();
        var texts = readings.Columns.Where(c => c.Type == "string" && !ChunkColumns.IsKey(c.Name)).Select(c => c.Name).ToList();
        var named = SensorAttributes.Named(options.SensorAttributes, values, texts);
        var table = await SensorTable.ReadAsync(SensorTable.AssetPath(asset.Folder), cancellationToken);
        var decided = table is not null
            ? new SensorAttributes(table.NumberColumns, table.TextColumns, "kept from the asset's sensors table (decided on its first run)")
            : AssetLayout.Days(asset.Folder).Count > 0
                ? new SensorAttributes([], [], "none: the asset's features were made before sensor attributes were kept")
                : named;
        if (named is not null && decided is not null && !ReferenceEquals(named, decided) && !named.SameColumns(decided))
        {
            throw StepException.BadOption(
                $"--sensor-attributes: the asset '{asset.Name}' has the sensor attributes {Describe(decided)} ({decided.Decision}); another set would change its features' columns");
        }

        var scanned = ValueColumns(readings, options.Columns).Union(decided?.Numbers ?? []).ToList();
        return (scanned, decided?.Texts ?? texts, decided);
    }

    private static string Describe(SensorAttributes attributes) =>
        attributes.IsEmpty ? "none" : string.Join(", ", attributes.Numbers.Concat(attributes.Texts));

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
