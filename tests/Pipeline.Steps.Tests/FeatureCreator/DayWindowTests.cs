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
    private static readonly string[] TwoSensors = ["s-01", "s-02"];

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

    [Fact]
    public async Task With_outliers_excluded_an_input_in_no_day_order_decides_its_attributes_on_every_reading()
    {
        // Day 1's first file shows humidity constant per sensor (an attribute, were it all); its late file, after
        // day 2's in path order, shows it varying. The incomplete first window must not decide.
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        var day1 = new DateOnly(2024, 3, 1);
        await ChunkFiles.WriteAsync(Path.Combine(input, "a", "part-0.parquet"), [.. Readings(day1, 0, i => 50.0)]);
        await ChunkFiles.WriteAsync(Path.Combine(input, "b", "part-0.parquet"), [.. Readings(day1.AddDays(1), 0, i => 40.0 + i)]);
        await ChunkFiles.WriteAsync(Path.Combine(input, "c", "part-0.parquet"), [.. Readings(day1, 12, i => 30.0 + i)]);
        ChunkFiles.WriteManifest(input);
        var output = temp.Combine("features");

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", input, "--output", output, "--exclude-outliers"));

        var attributes = FeatureCreatorRun.ReadJson(Path.Combine(output, "_manifest.json"))["metrics"]!["sensorAttributes"]!;
        Assert.DoesNotContain("humidity", attributes["numbers"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("humidity_mean", Columns(output));
    }

    private static IEnumerable<ChunkRow> Readings(DateOnly day, int from, Func<int, double> humidity) =>
        TwoSensors.SelectMany((sensor, s) => Enumerable.Range(from, 12).Select(i => new ChunkRow(
            sensor, day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(10 * i), day, 15.0 + i, humidity(i) + (10 * s), "ok")));

    private static List<string> Columns(string output) =>
        [.. DuckDb.Rows($"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('{Path.Combine(output, "features.parquet")}'))").Select(r => (string)r[0]!)];

    private static List<(string Sensor, DateOnly Day)> Keys(string file) =>
        [.. DuckDb.Rows($"SELECT sensor_id, day FROM read_parquet('{file}')").Select(r => ((string)r[0]!, (DateOnly)r[1]!))];

    private static List<string> Rows(string output) =>
        [.. DuckDb.Rows($"SELECT * FROM read_parquet('{Path.Combine(output, "features.parquet")}')").Select(r => string.Join("|", r))];
}
