using Parquet;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>
/// A run writes each day's features as soon as every reading of the day has been read (the Chunker's day folders come
/// in day order), so its memory holds the days being read, not every sensor-day of the input. Files in no day order
/// give the same features: the run reads them again, holding every sensor-day.
/// </summary>
public sealed class DayWindowTests
{
    [Fact]
    public async Task Each_day_is_written_as_it_is_complete_in_day_then_sensor_order()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await SampleChunks.WriteAsync(input);
        ChunkFiles.WriteManifest(input);
        var output = temp.Combine("features");

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", input, "--output", output));

        await using var stream = File.OpenRead(Path.Combine(output, "features.parquet"));
        await using var reader = await ParquetReader.CreateAsync(stream);
        // One row group per day: each was let go once written. Held to the end, the run wrote one.
        Assert.Equal(4, reader.RowGroupCount);
        var keys = Keys(Path.Combine(output, "features.parquet"));
        Assert.Equal(keys.OrderBy(k => k.Day).ThenBy(k => k.Sensor, StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task Files_in_no_day_order_give_the_same_features()
    {
        using var temp = new TempFolder();
        var ordered = temp.Combine("ordered");
        await SampleChunks.WriteAsync(ordered);
        // The same files, their folders named so that path order runs from the last day to the first.
        var unordered = temp.Combine("unordered");
        foreach (var file in Directory.EnumerateFiles(ordered, "*.parquet", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(ordered, file);
            var day = DateOnly.ParseExact(relative.Split(Path.DirectorySeparatorChar)[0]["day=".Length..], "yyyy-MM-dd");
            var target = Path.Combine(unordered, $"batch={9 - day.Day}", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        ChunkFiles.WriteManifest(ordered);
        ChunkFiles.WriteManifest(unordered);
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", ordered, "--output", temp.Combine("a")));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", unordered, "--output", temp.Combine("b")));

        Assert.Equal(Rows(temp.Combine("a")), Rows(temp.Combine("b")));
        var metrics = (FeatureCreatorRun.ReadJson(Path.Combine(temp.Combine("a"), "_manifest.json"))["metrics"]!,
            FeatureCreatorRun.ReadJson(Path.Combine(temp.Combine("b"), "_manifest.json"))["metrics"]!);
        foreach (var name in new[] { "rowsRead", "groups", "sensors", "days", "nonFinite", "lowReadingDays" })
        {
            Assert.Equal(metrics.Item1[name]!.ToJsonString(), metrics.Item2[name]!.ToJsonString());
        }
    }

    private static List<(string Sensor, DateOnly Day)> Keys(string file) =>
        [.. DuckDb.Rows($"SELECT sensor_id, day FROM read_parquet('{file}')").Select(r => ((string)r[0]!, (DateOnly)r[1]!))];

    private static List<string> Rows(string output) =>
        [.. DuckDb.Rows($"SELECT * FROM read_parquet('{Path.Combine(output, "features.parquet")}')").Select(r => string.Join("|", r))];
}
