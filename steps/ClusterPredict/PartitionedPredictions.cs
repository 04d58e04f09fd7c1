using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Pipeline.Steps.Assets;
using Pipeline.Steps.ClusterPredict.Scoring;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Runtime.Parquet;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>
/// ClusterPredict over a features asset (<c>--asset-dir</c>): each day partition whose features changed since it
/// was predicted (or that has no predictions) is scored and written as a predictions partition, and its rows in
/// PostgreSQL are replaced under the partition's own key (<c>run_id</c> = <c>&lt;asset&gt;/day=YYYY-MM-DD</c>), in
/// one transaction per day before the partition is published: however often a day is predicted, retried or
/// re-run, it has exactly one set of rows. A new production model does not re-predict days already predicted;
/// each row says which model version scored it.
/// </summary>
internal static class PartitionedPredictions
{
    public static async Task<JsonObject> RunAsync(StepContext<ClusterPredictOptions> context, ChosenModel chosen, string? connectionString, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var input = Path.GetFullPath(options.Input).TrimEnd(Path.DirectorySeparatorChar);
        var features = AssetDescription.Read(input)
            ?? throw StepException.BadOption($"--asset-dir needs --input to be a features asset (the FeatureCreator's --asset-dir); {input} is not one");
        context.AddInput(new InputRecord(input, 0, null));
        using var asset = AssetWriter.Open(options.AssetDir!, features.TimeZone, cancellationToken);
        var metadata = chosen.Model.Metadata;
        var modelInput = new PartitionInput(null, null, chosen.File, metadata.Model!.Sha256);
        await using var dataSource = connectionString is null ? null : NpgsqlDataSource.Create(connectionString);
        if (dataSource is not null)
        {
            await PostgresSchema.ForClusterPredict(dataSource).MigrateAsync(cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        var predicted = new List<string>();
        long rowsRead = 0;
        long rowsPredicted = 0;
        long unassigned = 0;
        long deleted = 0;
        long inserted = 0;
        var perCluster = new long[metadata.K];
        var sensors = await PredictionFile.SensorsOfAsync(input, asset: true, cancellationToken);
        var schema = PredictionFile.Schema(sensors);
        var (stale, upToDate, leftStale) = asset.PartitionsToMake(input, options.Policy, options.Partition);
        foreach (var (key, sha) in stale)
        {
            var folder = AssetLayout.PartitionFolder(input, key);
            var table = await ClusterPredictStep.ReadFeaturesAsync(Path.Combine(folder, FeatureTableReader.FileName), metadata, cancellationToken);
            var assignments = ModelScorer.Score(table, chosen.Model);
            var staged = AssetWriter.StagePartition(context.Output, key);
            await PredictionFile.WriteAsync(Path.Combine(staged, PredictionFile.FileName), table, assignments, chosen.Version, sensors, cancellationToken);
            if (dataSource is not null)
            {
                var runId = $"{asset.Name}/day={key}";
                var result = await new PredictionStore(dataSource).ReplaceRunAsync(runId, ClusterPredictStep.Rows(runId, table, assignments, chosen.Version, context.Clock.GetUtcNow()), cancellationToken);
                deleted += result.RowsDeleted;
                inserted += result.RowsInserted;
            }

            asset.CheckColumns(ParquetColumns.Describe(schema));
            asset.Publish(key, staged, assignments.Rows.Length, [new PartitionInput(features.Name, key, null, sha), modelInput]);
            predicted.Add(key);
            rowsRead += table.Rows;
            rowsPredicted += assignments.Rows.Length;
            unassigned += assignments.Unassigned;
            var counts = assignments.CountPerCluster(metadata.K);
            for (var c = 0; c < counts.Length; c++)
            {
                perCluster[c] += counts[c];
            }
        }

        context.AddAsset(asset.Report());
        var metrics = new ClusterPredictMetrics
        {
            RowsRead = rowsRead,
            RowsPredicted = rowsPredicted,
            RowsUnassigned = unassigned,
            RunId = $"{asset.Name}/day=*",
            Model = chosen.Used(),
            ClusterDistribution = new Dictionary<string, IReadOnlyList<ClusterShare>>
            {
                ["training"] = ClusterShare.Of(metadata.ClusterSizes),
                ["prediction"] = ClusterShare.Of(perCluster),
            },
            Shapes = new Dictionary<string, DataShape>
            {
                ["input"] = new(rowsRead, metadata.Features.Count + 2),
                ["output"] = new(rowsPredicted, schema.Fields.Count),
            },
            Database = dataSource is null
                ? new DatabaseWrite(false, ClusterPredictStep.Table, null, 0, 0, 0, "no connection string configured (CLUSTER_PREDICT_CONNECTION_STRING or --connection-string-file)")
                : new DatabaseWrite(true, ClusterPredictStep.Table, PostgresConnection.Endpoint(connectionString!), deleted, inserted, watch.Elapsed.TotalMilliseconds, null),
            Memory = ProcessMemory.Sample(),
            Partitions = new PartitionedPrediction(asset.Name, predicted, upToDate, leftStale),
        };
        return JsonSerializer.SerializeToNode(metrics, ClusterPredictJsonContext.Default.ClusterPredictMetrics)!.AsObject();
    }
}
