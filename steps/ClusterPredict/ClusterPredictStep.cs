using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Npgsql;
using Pipeline.Steps.ClusterPredict.Scoring;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Runtime.Parquet;
using Pipeline.Steps.Scoring;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>
/// The step body: load the model version (<see cref="ClusterModel"/>: through the registry, checksum checked), score the feature table, write
/// predictions.parquet, then replace this run's rows in PostgreSQL in one transaction. The database comes last, so
/// a failure there (retryable) publishes nothing and a retry does everything again with the same run id.
/// </summary>
internal static class ClusterPredictStep
{
    public const string Table = "cluster_predictions";

    public static async Task<JsonObject> RunAsync(StepContext<ClusterPredictOptions> context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var connectionString = options.WritesDatabase ? PostgresConnection.Resolve(options.ConnectionString, options.ConnectionStringFile) : null;
        var (registry, family, familyReason) = await FamilyChoice.OpenAsync(options, context.Clock, cancellationToken);
        var (version, chosenBy) = options.ModelVersion is { } named
            ? (named, "--model-version")
            : (registry.Production()?.Version ?? throw StepException.MissingInput("the registry has no production model version; train one first or name one with --model-version", new SourceLocation(registry.Root)), "production");
        var model = ClusterModel.Load(registry, version);
        var metadata = model.Metadata;
        var chosen = new ChosenModel(model, version, chosenBy, registry.ModelPath(version)) { Family = family, FamilyReason = familyReason };
        if (family is not null)
        {
            ClusterPredictLog.Family(context.Logger, family, familyReason!);
        }

        if (options.AssetDir is { Length: > 0 })
        {
            return await PartitionedPredictions.RunAsync(context, chosen, connectionString, cancellationToken);
        }

        var (file, record) = FeatureTableReader.Locate(options.Input);
        context.AddInput(record);
        FeatureTable table;
        ClusterAssignments assignments;
        var sensors = await PredictionFile.SensorsOfAsync(file, asset: false, cancellationToken);
        var schema = PredictionFile.Schema(sensors);
        using (context.Timings.Measure("predict"))
        {
            table = await ReadFeaturesAsync(file, metadata, cancellationToken);
            assignments = ModelScorer.Score(table, model);
        }

        var runId = options.RunId ?? DefaultRunId(record, version);
        using (context.Timings.Measure("write"))
        {
            await PredictionFile.WriteAsync(context.Output.PathFor(PredictionFile.FileName), table, assignments, version, sensors, cancellationToken);
            context.Output.AddSchema("predictions", ParquetColumns.Describe(schema));
            context.Output.AddFile(PredictionFile.FileName, assignments.Rows.Length, schema.Fields.Count, "predictions");
        }

        DatabaseWrite database;
        using (context.Timings.Measure("database"))
        {
            database = connectionString is null
                ? new DatabaseWrite(false, Table, null, 0, 0, 0, "no connection string configured (CLUSTER_PREDICT_CONNECTION_STRING or --connection-string-file)")
                : await WriteDatabaseAsync(connectionString, runId, table, assignments, version, context.Clock.GetUtcNow(), cancellationToken);
        }

        var metrics = new ClusterPredictMetrics
        {
            RowsRead = table.Rows,
            RowsPredicted = assignments.Rows.Length,
            RowsUnassigned = assignments.Unassigned,
            RunId = runId,
            Model = chosen.Used(),
            ClusterDistribution = new Dictionary<string, IReadOnlyList<ClusterShare>>
            {
                ["training"] = ClusterShare.Of(metadata.ClusterSizes),
                ["prediction"] = ClusterShare.Of(assignments.CountPerCluster(metadata.K)),
            },
            Shapes = new Dictionary<string, DataShape>
            {
                ["input"] = new(table.Rows, table.Features.Count + 2),
                ["scored"] = new(assignments.Rows.Length, table.Features.Count + 2),
                ["output"] = new(assignments.Rows.Length, schema.Fields.Count),
            },
            Database = database,
            Memory = ProcessMemory.Sample(),
        };
        return JsonSerializer.SerializeToNode(metrics, ClusterPredictJsonContext.Default.ClusterPredictMetrics)!.AsObject();
    }

    internal static async Task<FeatureTable> ReadFeaturesAsync(string file, ModelVersion metadata, CancellationToken cancellationToken)
    {
        try
        {
            return await FeatureTableReader.ReadAsync(file, metadata.Features, cancellationToken);
        }
        catch (StepException e) when (e.ExitCode == StepExitCodes.DataError)
        {
            throw new StepException(e.ExitCode, $"the input does not fit model version {metadata.Version}: {e.Message}", e.Location, e);
        }
    }

    private static async Task<DatabaseWrite> WriteDatabaseAsync(
        string connectionString, string runId, FeatureTable table, ClusterAssignments assignments, int version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await PostgresSchema.ForClusterPredict(dataSource).MigrateAsync(cancellationToken);
        var result = await new PredictionStore(dataSource).ReplaceRunAsync(runId, Rows(runId, table, assignments, version, now), cancellationToken);
        return new DatabaseWrite(true, Table, PostgresConnection.Endpoint(connectionString), result.RowsDeleted, result.RowsInserted, watch.Elapsed.TotalMilliseconds, null);
    }

    /// <summary>The database rows of a scored table, all under <paramref name="runId"/>.</summary>
    internal static List<PredictionRow> Rows(string runId, FeatureTable table, ClusterAssignments assignments, int version, DateTimeOffset now)
    {
        var modelVersion = version.ToString(CultureInfo.InvariantCulture);
        return [.. assignments.Rows.Select((r, i) => new PredictionRow(runId, table.SensorIds[r], table.Days[r], assignments.Clusters[i], assignments.Distances[i], modelVersion, now))];
    }

    // The same input and model give the same id, so re-running them replaces their rows rather than adding more.
    private static string DefaultRunId(Formats.Manifest.InputRecord input, int version)
    {
        var basis = input.Sha256 ?? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input.Path)));
        return string.Create(CultureInfo.InvariantCulture, $"{basis[..16]}-v{version}");
    }
}
