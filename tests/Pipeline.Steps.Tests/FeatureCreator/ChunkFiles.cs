using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>Writes chunk files and an upstream manifest in the Chunker's layout, so the FeatureCreator can be tested alone.</summary>
public static class ChunkFiles
{
    public static readonly ParquetSchema Schema = new(
        new DataField("sensor_id", typeof(string), isNullable: false),
        new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false),
        new DataField("date", typeof(DateOnly), isNullable: false),
        new DataField("temperature", typeof(double), isNullable: true),
        new DataField("humidity", typeof(double), isNullable: true),
        new DataField("note", typeof(string), isNullable: true));

    /// <summary>Writes the rows as one chunk file, in row groups of at most <paramref name="rowGroupSize"/> rows.</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<ChunkRow> rows, int rowGroupSize = int.MaxValue)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fields = Schema.GetDataFields();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, null, false, CancellationToken.None);
        foreach (var chunk in rows.Chunk(rowGroupSize))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(fields[0], chunk.Select(r => r.SensorId).ToArray(), null);
            await group.WriteAsync<DateTime>(fields[1], chunk.Select(r => r.Timestamp).ToArray(), null, null, CancellationToken.None);
            await group.WriteAsync<DateOnly>(fields[2], chunk.Select(r => r.Date).ToArray(), null, null, CancellationToken.None);
            await group.WriteAsync<double>(fields[3], chunk.Select(r => r.Temperature).ToArray(), null, null, CancellationToken.None);
            await group.WriteAsync<double>(fields[4], chunk.Select(r => r.Humidity).ToArray(), null, null, CancellationToken.None);
            await group.WriteAsync(fields[5], chunk.Select(r => r.Note!).ToArray(), null);
        }
    }

    /// <summary>Writes <c>_manifest.json</c> listing every Parquet file under the folder, as the Chunker would.</summary>
    public static void WriteManifest(string folder, string status = "succeeded", string[]? valueColumns = null)
    {
        var outputs = Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories)
            .Select(f => new OutputFile(Path.GetRelativePath(folder, f).Replace('\\', '/'), 0, 6, "chunk", new FileInfo(f).Length))
            .ToArray();
        var manifest = new StepManifest
        {
            Step = new StepIdentity("chunker", "0.1.0"),
            Status = status,
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch,
            Outputs = outputs,
            Metrics = new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["valueColumns"] = new JsonArray([.. (valueColumns ?? ["temperature", "humidity"]).Select(c => JsonValue.Create(c))]),
                    ["textColumns"] = new JsonArray("note"),
                },
            },
        };
        StepOutput.WriteJson(Path.Combine(folder, StepOutput.ManifestFileName), manifest);
    }
}
