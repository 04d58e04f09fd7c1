using Parquet;
using Parquet.Schema;
using Pipeline.Steps.ClusterPredict.Scoring;
using Pipeline.Steps.Features;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>Writes <c>predictions.parquet</c>: sensor_id, day, cluster, distance and model_version per scored row.</summary>
internal static class PredictionFile
{
    public const string FileName = "predictions.parquet";

    public static readonly ParquetSchema Schema = new(
        new DataField<string>("sensor_id", nullable: false),
        new DataField<DateOnly>("day", nullable: false),
        new DataField<int>("cluster", nullable: false),
        new DataField<double>("distance", nullable: false),
        new DataField<int>("model_version", nullable: false));

    public static async Task WriteAsync(string path, FeatureTable table, ClusterAssignments assignments, int modelVersion, CancellationToken cancellationToken)
    {
        var fields = Schema.GetDataFields();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], [.. assignments.Rows.Select(r => table.SensorIds[r])]);
        await group.WriteAsync<DateOnly>(fields[1], assignments.Rows.Select(r => table.Days[r]).ToArray(), cancellationToken: cancellationToken);
        await group.WriteAsync<int>(fields[2], assignments.Clusters, cancellationToken: cancellationToken);
        await group.WriteAsync<double>(fields[3], assignments.Distances, cancellationToken: cancellationToken);
        await group.WriteAsync<int>(fields[4], Enumerable.Repeat(modelVersion, assignments.Rows.Length).ToArray(), cancellationToken: cancellationToken);
    }
}
