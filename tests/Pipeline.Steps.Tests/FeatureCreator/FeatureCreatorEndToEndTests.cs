using System.Data.Common;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.FeatureCreator;

public sealed class FeatureCreatorEndToEndTests
{
    private static readonly string[] Columns = ["temperature", "humidity"];

    [Fact]
    public async Task Features_match_DuckDB_and_the_manifest_reports_shapes_memory_and_drift()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        var rows = await SampleChunks.WriteAsync(input);
        ChunkFiles.WriteManifest(input);
        var output = temp.Combine("features");

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", input, "--output", output));

        using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        var expected = await QueryAsync(duck, ReferenceSql(input));
        var actual = await QueryAsync(duck, $"SELECT * FROM read_parquet('{output}/features.parquet')");
        Assert.Equal(8, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertRow(expected[i], actual[i]);
        }

        var types = await QueryAsync(duck, $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{output}/features.parquet'))");
        Assert.Equal(["VARCHAR", "DATE", "BIGINT", "BOOLEAN", "BIGINT", "DOUBLE"], types.Take(6).Select(t => (string)t["column_type"]!));

        var metrics = FeatureCreatorRun.ReadJson(Path.Combine(output, "_manifest.json"))["metrics"]!;
        AssertMetrics(metrics, rows);
        Assert.Null(metrics["drift"]!["temperature_mean"]!["zScore"]);
        Assert.Equal(0, (int)metrics["drift"]!["temperature_mean"]!["baselineRuns"]!);
    }

    [Fact]
    public async Task Output_is_byte_identical_across_runs_and_worker_counts_and_the_second_run_has_a_baseline()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await SampleChunks.WriteAsync(input);
        ChunkFiles.WriteManifest(input);

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("a"), "--workers", "3"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("b"), "--workers", "1", "--state-dir", temp.Combine("_state", "feature-creator")));

        Assert.Equal(await File.ReadAllBytesAsync(temp.Combine("a", "features.parquet")), await File.ReadAllBytesAsync(temp.Combine("b", "features.parquet")));
        var drift = FeatureCreatorRun.ReadJson(temp.Combine("b", "_manifest.json"))["metrics"]!["drift"]!["humidity_mean"]!;
        Assert.Equal(1, (int)drift["baselineRuns"]!);
        Assert.Equal(0, (double)drift["zScore"]!, 9);
        Assert.False((bool)drift["drifted"]!);
    }

    [Fact]
    public async Task A_corrupt_history_does_not_fail_the_run()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await SampleChunks.WriteAsync(input);
        var state = temp.Combine("state");
        Directory.CreateDirectory(state);
        await File.WriteAllTextAsync(Path.Combine(state, "feature-history.json"), "not json");

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("out"), "--state-dir", state, "--columns", "humidity", "--features", "mean,count"));

        Assert.Single(Directory.GetFiles(state, "feature-history.json.corrupt-*"));
        var metrics = FeatureCreatorRun.ReadJson(temp.Combine("out", "_manifest.json"))["metrics"]!;
        Assert.Equal(0, (int)metrics["drift"]!["humidity_mean"]!["baselineRuns"]!);
        Assert.Equal(4 + 2, (int)metrics["shapes"]!["output"]!["columns"]!);
        Assert.NotNull(FeatureCreatorRun.ReadJson(Path.Combine(state, "feature-history.json"))["runs"]![0]!["features"]!["humidity_count"]);
    }

    private static string ReferenceSql(string input)
    {
        var aggregates = Columns.Select(c =>
            $"count({c}) FILTER (WHERE isfinite({c})) AS {c}_count, avg({c}) FILTER (WHERE isfinite({c})) AS {c}_mean, " +
            $"stddev_samp({c}) FILTER (WHERE isfinite({c})) AS {c}_std, min({c}) FILTER (WHERE isfinite({c})) AS {c}_min, " +
            $"max({c}) FILTER (WHERE isfinite({c})) AS {c}_max");
        return $"SELECT sensor_id, date AS day, count(*) AS readings, {string.Join(", ", aggregates)} " +
            $"FROM read_parquet('{input}/**/*.parquet') GROUP BY sensor_id, date ORDER BY date, sensor_id";
    }

    private static void AssertRow(Dictionary<string, object?> expected, Dictionary<string, object?> actual)
    {
        Assert.Equal(expected["sensor_id"], actual["sensor_id"]);
        Assert.Equal(expected["day"], actual["day"]);
        var readings = (long)expected["readings"]!;
        Assert.Equal(readings, actual["readings"]);
        Assert.Equal(readings < 12, actual["low_readings"]);
        foreach (var c in Columns)
        {
            var count = (long)expected[$"{c}_count"]!;
            Assert.Equal(count, actual[$"{c}_count"]);
            foreach (var stat in new[] { "mean", "std", "min", "max" })
            {
                AssertClose(expected[$"{c}_{stat}"] as double?, actual[$"{c}_{stat}"] as double?, $"{c}_{stat}");
            }

            AssertClose((double)(readings - count) / readings, actual[$"{c}_missing_share"] as double?, $"{c}_missing_share");
        }
    }

    private static void AssertClose(double? expected, double? actual, string what)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: expected {expected}, got {actual}");
        if (expected is { } e && actual is { } a)
        {
            Assert.True(Math.Abs(a - e) <= (1e-9 * Math.Abs(e)) + 1e-12, $"{what}: expected {e:R}, got {a:R}");
        }
    }

    private static void AssertMetrics(JsonNode metrics, IReadOnlyList<ChunkRow> rows)
    {
        Assert.Equal(rows.Count, (long)metrics["rowsRead"]!);
        Assert.Equal(8, (int)metrics["groups"]!);
        Assert.Equal(2, (int)metrics["sensors"]!);
        Assert.Equal(4, (int)metrics["days"]!);
        Assert.Equal(1, (int)metrics["lowReadingDays"]!);
        var shapes = metrics["shapes"]!;
        Assert.Equal((rows.Count, 6), ((int)shapes["input"]!["rows"]!, (int)shapes["input"]!["columns"]!));
        var cleaned = rows.Count(r => double.IsFinite(r.Temperature ?? double.NaN) || double.IsFinite(r.Humidity ?? double.NaN));
        Assert.Equal((cleaned, 5), ((int)shapes["cleaned"]!["rows"]!, (int)shapes["cleaned"]!["columns"]!));
        Assert.Equal((8, 4 + (2 * 6)), ((int)shapes["output"]!["rows"]!, (int)shapes["output"]!["columns"]!));
        foreach (var field in new[] { "workingSetBytes", "managedHeapBytes", "peakWorkingSetBytes" })
        {
            Assert.True((long)metrics["memory"]![field]! > 0, field);
        }

        var temperature = metrics["nonFinite"]!["temperature"]!;
        Assert.Equal(rows.Count(r => r.Temperature is null), (long)temperature["na"]!);
        Assert.Equal(rows.Count(r => r.Temperature is double.NaN), (long)temperature["nan"]!);
        Assert.Equal(rows.Count(r => r.Temperature is double.PositiveInfinity), (long)temperature["positiveInfinity"]!);
        Assert.Equal(rows.Count(r => r.Temperature is double.NegativeInfinity), (long)temperature["negativeInfinity"]!);
        Assert.Equal(7, (long)metrics["featureStats"]!["temperature_mean"]!["count"]!);
        Assert.Equal(6, (long)metrics["featureStats"]!["temperature_std"]!["count"]!);
    }

    private static async Task<List<Dictionary<string, object?>>> QueryAsync(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync();
        var result = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            result.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return result;
    }
}
