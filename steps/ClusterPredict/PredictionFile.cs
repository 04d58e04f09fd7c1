using Parquet;
using Parquet.Schema;
using Pipeline.Steps.ClusterPredict.Scoring;
using Pipeline.Steps.Features;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>
/// Writes <c>predictions.parquet</c>: sensor_id, day, cluster, distance and model_version per scored row, then the
/// sensor's attributes joined from the features' sensors table (its location, coordinates, type), so a prediction
/// can be put on a map or filtered by sensor type without another join. An attribute named like one of the first
/// five columns is prefixed <c>sensor_</c>.
/// </summary>
internal static class PredictionFile
{
    public const string FileName = "predictions.parquet";

    private static readonly DataField[] Keys =
    [
        new DataField<string>("sensor_id", nullable: false),
        new DataField<DateOnly>("day", nullable: false),
        new DataField<int>("cluster", nullable: false),
        new DataField<double>("distance", nullable: false),
        new DataField<int>("model_version", nullable: false),
    ];

    /// <summary>The file's schema: the five prediction columns, then each attribute of <paramref name="sensors"/>.</summary>
    public static ParquetSchema Schema(SensorTable? sensors) =>
        new([
            .. Keys,
            .. (sensors?.NumberColumns ?? []).Select(c => new DataField<double?>(AttributeName(c))),
            .. (sensors?.TextColumns ?? []).Select(c => new DataField<string>(AttributeName(c), nullable: true)),
        ]);

    public static async Task WriteAsync(string path, FeatureTable table, ClusterAssignments assignments, int modelVersion, SensorTable? sensors, CancellationToken cancellationToken)
    {
        var schema = Schema(sensors);
        var fields = schema.GetDataFields();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken);
        using var group = writer.CreateRowGroup();
        var ids = assignments.Rows.Select(r => table.SensorIds[r]).ToArray();
        await group.WriteAsync(fields[0], ids);
        await group.WriteAsync<DateOnly>(fields[1], assignments.Rows.Select(r => table.Days[r]).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<int>(fields[2], assignments.Clusters, cancellationToken: cancellationToken);
        await group.WriteAsync<double>(fields[3], assignments.Distances, cancellationToken: cancellationToken);
        await group.WriteAsync<int>(fields[4], Enumerable.Repeat(modelVersion, assignments.Rows.Length).ToArray(), cancellationToken: cancellationToken);
        if (sensors is null)
        {
            return;
        }

        // A sensor the table does not know (its features were made before it was kept) gets nulls.
        var bySensor = sensors.Rows.ToDictionary(r => r.SensorId, StringComparer.Ordinal);
        var rows = ids.Select(id => bySensor.GetValueOrDefault(id)).ToArray();
        for (var c = 0; c < sensors.NumberColumns.Count; c++)
        {
            await group.WriteAsync<double>(fields[Keys.Length + c], rows.Select(r => r?.Numbers[c]).ToArray(), null, null, cancellationToken);
        }

        for (var c = 0; c < sensors.TextColumns.Count; c++)
        {
            await group.WriteAsync(fields[Keys.Length + sensors.NumberColumns.Count + c], rows.Select(r => r?.Texts[c]).ToArray(), null);
        }
    }

    /// <summary>
    /// The sensors table of the features predicted: an asset's (in its bookkeeping folder) or one run's (beside its
    /// features.parquet); null when the features have none.
    /// </summary>
    public static Task<SensorTable?> SensorsOfAsync(string featuresFileOrAsset, bool asset, CancellationToken cancellationToken) =>
        SensorTable.ReadAsync(
            asset ? SensorTable.AssetPath(featuresFileOrAsset) : Path.Combine(Path.GetDirectoryName(featuresFileOrAsset)!, SensorTable.FileName),
            cancellationToken);

    private static string AttributeName(string column) => Keys.Any(k => k.Name == column) ? "sensor_" + column : column;
}
