using Parquet;
using Parquet.Schema;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>Chunk files written by other tools: required value columns, a nullable sensor column, several sensors per row group.</summary>
public sealed class FeatureCreatorSchemaVariantTests
{
    private static readonly ParquetSchema Schema = new(
        new DataField("sensor_id", typeof(string), isNullable: true),
        new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false),
        new DataField("date", typeof(DateOnly), isNullable: true),
        new DataField("pressure", typeof(double), isNullable: false));

    [Fact]
    public async Task Required_values_and_nullable_keys_are_aggregated()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        string[] sensors = ["b", "b", "b", "a", "a", "b"];
        double[] values = [1, 2, double.NaN, 10, 14, 3];
        await WriteAsync(Path.Combine(input, "part-0.parquet"), sensors, values);
        ChunkFiles.WriteManifest(input, valueColumns: ["pressure"]);

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("out"), "--min-readings", "3"));

        var metrics = FeatureCreatorRun.ReadJson(temp.Combine("out", StepOutput.ManifestFileName))["metrics"]!;
        Assert.Equal(2, (int)metrics["groups"]!);
        Assert.Equal(1, (int)metrics["lowReadingDays"]!);
        Assert.Equal(1, (long)metrics["nonFinite"]!["pressure"]!["nan"]!);
        // Sensor a: mean 12, nothing missing; sensor b: finite 1, 2, 3 (mean 2) and one NaN in four readings.
        Assert.Equal(7, (double)metrics["featureStats"]!["pressure_mean"]!["mean"]!, 12);
        Assert.Equal(0.125, (double)metrics["featureStats"]!["pressure_missing_share"]!["mean"]!, 12);
    }

    [Fact]
    public async Task A_null_sensor_id_exits_65_naming_the_column()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await WriteAsync(Path.Combine(input, "part-0.parquet"), ["a", null, "a"], [1, 2, 3]);
        ChunkFiles.WriteManifest(input, valueColumns: ["pressure"]);

        Assert.Equal(StepExitCodes.DataError, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("out")));

        var message = (string?)FeatureCreatorRun.ReadJson(temp.Combine("out", StepOutput.FailureFileName))["error"]!["message"];
        Assert.Contains("'sensor_id'", message, StringComparison.Ordinal);
    }

    private static async Task WriteAsync(string path, string?[] sensors, double[] values)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fields = Schema.GetDataFields();
        var start = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream, null, false, CancellationToken.None);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], sensors!, null);
        await group.WriteAsync<DateTime>(fields[1], sensors.Select((_, i) => start.AddMinutes(i)).ToArray(), null, null, CancellationToken.None);
        await group.WriteAsync<DateOnly>(fields[2], sensors.Select(_ => (DateOnly?)new DateOnly(2024, 3, 1)).ToArray(), null, null, CancellationToken.None);
        await group.WriteAsync<double>(fields[3], values, null, null, CancellationToken.None);
    }
}
