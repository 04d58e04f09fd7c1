using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.FeatureCreator;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Pipeline;

/// <summary>
/// Chunker then FeatureCreator on the real data sets; the features are checked against DuckDB computing the same
/// per (sensor, local day) statistics straight from the CSV files, to 1e-9 relative.
/// </summary>
public sealed class IngestEndToEndTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Hive_temperature_features_match_duckdb_on_the_csv()
    {
        var csv = $"read_csv('{SharedData.HiveTemperature}/*.csv', header = true, timestampformat = '%Y-%m-%d %H')";
        var reference = $"""
            SELECT sensor_id::VARCHAR AS sensor_id, CAST(timestamp AS DATE) AS day, count(*) AS readings,
                   count(temperature) AS n, avg(temperature) AS mean, stddev_samp(temperature) AS std,
                   min(temperature) AS lo, max(temperature) AS hi
            FROM (SELECT sensor_id, timestamp, first(temperature) AS temperature FROM {csv} GROUP BY ALL)
            GROUP BY ALL ORDER BY sensor_id, day
            """;
        await RunAndCompareAsync(SharedData.HiveTemperature, [], "temperature", reference);
    }

    [Fact]
    public async Task Beijing_features_per_local_day_match_duckdb_on_the_csv()
    {
        var csv = $"read_csv('{SharedData.BeijingAirQuality}/*.csv', header = true, nullstr = 'NA')";
        var reference = $"""
            SELECT station AS sensor_id, make_date(year, month, day) AS day, count(*) AS readings,
                   count("PM2.5") AS n, avg("PM2.5") AS mean, stddev_samp("PM2.5") AS std, min("PM2.5") AS lo, max("PM2.5") AS hi
            FROM {csv} GROUP BY ALL ORDER BY sensor_id, day
            """;
        await RunAndCompareAsync(SharedData.BeijingAirQuality, ["--time-zone", "Asia/Shanghai"], "PM2.5", reference);
    }

    private async Task RunAndCompareAsync(string input, string[] chunkerOptions, string column, string referenceSql)
    {
        var chunks = _temp.Combine("chunks");
        var features = _temp.Combine("features");
        Assert.Equal(0, await ChunkerRun.RunAsync(["--input", input, "--output", chunks, "--quiet", .. chunkerOptions]));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", chunks, "--output", features, "--quiet"));

        var expected = DuckDb.Rows(referenceSql);
        var actual = DuckDb.Rows($"""
            SELECT sensor_id, day, readings, "{column}_count", "{column}_mean", "{column}_std", "{column}_min", "{column}_max"
            FROM read_parquet('{features}/features.parquet') ORDER BY sensor_id, day
            """);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i][0]!.ToString(), actual[i][0]);
            Assert.Equal(expected[i][1], actual[i][1]);
            Assert.Equal(Convert.ToInt64(expected[i][2], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(actual[i][2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Convert.ToInt64(expected[i][3], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(actual[i][3], System.Globalization.CultureInfo.InvariantCulture));
            for (var c = 4; c < 8; c++)
            {
                AssertClose(expected[i][c], actual[i][c], $"{expected[i][0]} {expected[i][1]} column {c}");
            }
        }

        var metrics = ChunkerRun.Metrics(features);
        Assert.True(metrics["memory"]!["peakWorkingSetBytes"]!.GetValue<long>() > 0);
        Assert.Equal(expected.Count, metrics["shapes"]!["output"]!["rows"]!.GetValue<long>());
    }

    private static void AssertClose(object? expected, object? actual, string where)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{where}: expected null, got {actual}");
            return;
        }

        var e = Convert.ToDouble(expected, System.Globalization.CultureInfo.InvariantCulture);
        var a = Convert.ToDouble(actual, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"{where}: expected {e}, got {a}");
    }

    public void Dispose() => _temp.Dispose();
}
