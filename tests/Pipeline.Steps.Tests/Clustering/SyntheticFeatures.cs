using Parquet;
using Parquet.Schema;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>
/// Writes a feature table in the FeatureCreator's layout (sensor_id, day, a_mean, b_mean) with rows drawn around
/// given blob centres, so the right clustering is known.
/// </summary>
public static class SyntheticFeatures
{
    public static readonly double[][] FourBlobs = [[0, 0], [10, 0], [0, 10], [10, 10]];

    /// <summary>Writes <paramref name="perBlob"/> rows per centre; <paramref name="shift"/> moves every centre.</summary>
    public static async Task<string> WriteAsync(string path, double[][] centres, int perBlob, int seed, double shift = 0, double spread = 1)
    {
        var random = new Random(seed);
        var sensors = new List<string>();
        var days = new List<DateOnly>();
        var a = new List<double?>();
        var b = new List<double?>();
        for (var blob = 0; blob < centres.Length; blob++)
        {
            for (var i = 0; i < perBlob; i++)
            {
                sensors.Add($"s{blob}-{i % 50:D2}");
                days.Add(new DateOnly(2024, 1, 1).AddDays(i / 50));
                a.Add(centres[blob][0] + shift + (Gaussian(random) * spread));
                b.Add(centres[blob][1] + shift + (Gaussian(random) * spread));
            }
        }

        var schema = new ParquetSchema(
            new DataField<string>("sensor_id"), new DataField<DateOnly>("day"), new DataField<double?>("a_mean"), new DataField<double?>("b_mean"));
        var fields = schema.GetDataFields();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], sensors);
        await group.WriteAsync<DateOnly>(fields[1], days.ToArray());
        await group.WriteAsync<double>(fields[2], a.ToArray());
        await group.WriteAsync<double>(fields[3], b.ToArray());
        return path;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
