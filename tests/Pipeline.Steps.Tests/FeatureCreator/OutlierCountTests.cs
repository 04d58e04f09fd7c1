using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>
/// Readings far outside physical sense (-999, 1e9) in a citizen-network export are counted per column with the
/// robust z-score, equal to DuckDB's count with its own median and MAD, and reported with the rule; the histogram
/// behind it keeps the median and MAD to within a bucket on skewed data.
/// </summary>
public sealed class OutlierCountTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Absurd_readings_are_counted_per_column_as_DuckDB_counts_them_and_the_features_keep_them()
    {
        var export = await InjectedExportAsync();
        var lines = await File.ReadAllLinesAsync(export);
        var injected = lines.Count(l => l.Contains(";-999;", StringComparison.Ordinal) || l.Contains(";1e9;", StringComparison.Ordinal));
        var (chunks, features) = (_temp.Combine("chunks"), _temp.Combine("features"));
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", export, "--output", chunks, "--quiet"));

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", chunks, "--output", features, "--quiet"));

        var metrics = FeatureCreatorRun.ReadJson(Path.Combine(features, "_manifest.json"))["metrics"]!;
        var temperature = metrics["outliers"]!["temperature"]!;
        Assert.Equal(injected, temperature["count"]!.GetValue<long>());
        Assert.Equal(lines.Length - 1, temperature["readings"]!.GetValue<long>());
        Assert.Equal(0, metrics["outliers"]!["humidity"]!["count"]!.GetValue<long>());
        Assert.StartsWith("robust z-score above 3.5", metrics["outlierRule"]!.GetValue<string>(), StringComparison.Ordinal);

        // DuckDB's own median and MAD over the same readings give the same count.
        var readings = $"read_parquet('{chunks}/**/*.parquet')";
        var duck = DuckDb.Scalar<long>(
            $"WITH s AS (SELECT median(temperature) m, mad(temperature) d FROM {readings}) SELECT count(*) FROM {readings}, s WHERE abs(temperature - s.m) > 3.5 * s.d / 0.6745");
        Assert.Equal(duck, temperature["count"]!.GetValue<long>());
        var median = DuckDb.Scalar<double>($"SELECT median(temperature) FROM {readings}");
        Assert.InRange(temperature["median"]!.GetValue<double>(), median * 0.93, median * 1.07);

        // Counted, not removed: the features still see them.
        var table = $"read_parquet('{features}/features.parquet')";
        Assert.Equal((-999.0, 1e9), (DuckDb.Scalar<double>($"SELECT min(temperature_min) FROM {table}"), DuckDb.Scalar<double>($"SELECT max(temperature_max) FROM {table}")));
    }

    [Fact]
    public async Task Excluded_on_request_the_outliers_are_missing_readings_in_the_features_of_a_run_and_of_an_asset()
    {
        var export = await InjectedExportAsync();
        var (chunks, features) = (_temp.Combine("chunks"), _temp.Combine("features"));
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", export, "--output", chunks, "--quiet"));

        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", chunks, "--output", features, "--exclude-outliers", "--quiet"));

        var metrics = FeatureCreatorRun.ReadJson(Path.Combine(features, "_manifest.json"))["metrics"]!;
        var injected = metrics["outliers"]!["temperature"]!["count"]!.GetValue<long>();
        Assert.True(injected > 0);
        Assert.EndsWith("left out of the features, as missing readings", metrics["outlierRule"]!.GetValue<string>(), StringComparison.Ordinal);
        var table = $"read_parquet('{features}/features.parquet')";
        Assert.InRange(DuckDb.Scalar<double>($"SELECT min(temperature_min) FROM {table}"), -20, 40);
        Assert.InRange(DuckDb.Scalar<double>($"SELECT max(temperature_max) FROM {table}"), -20, 40);
        Assert.Equal((double)injected, DuckDb.Scalar<double>($"SELECT sum(round(temperature_missing_share * readings)) FROM {table}"));

        // Over an asset: the days made in the run are read twice, the bounds from all of them.
        var (readings, asset) = (_temp.Combine("assets", "readings"), _temp.Combine("assets", "features"));
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", export, "--output", _temp.Combine("chunk-out"), "--asset-dir", readings, "--quiet"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", readings, "--output", _temp.Combine("features-out"), "--asset-dir", asset, "--exclude-outliers", "--quiet"));
        var days = $"read_parquet('{asset}/day=*/*.parquet')";
        Assert.InRange(DuckDb.Scalar<double>($"SELECT min(temperature_min) FROM {days}"), -20, 40);
        Assert.Equal(injected, FeatureCreatorRun.ReadJson(_temp.Combine("features-out", "_manifest.json"))["metrics"]!["outliers"]!["temperature"]!["count"]!.GetValue<long>());
    }

    [Fact]
    public void The_histogram_keeps_median_and_MAD_within_a_bucket_and_counts_beyond_bounds()
    {
        var random = new Random(5);
        // Skewed, signed, with zeros: a log-normal shifted below zero.
        var values = Enumerable.Range(0, 50_000).Select(_ => Math.Exp(random.NextDouble() * 6) - 20).Append(0).Append(double.NaN).ToArray();
        var histogram = new ValueHistogram();
        histogram.Add(values.AsSpan(0, 20_000));
        var other = new ValueHistogram();
        other.Add(values.AsSpan(20_000));
        histogram.Merge(other);

        var finite = values.Where(double.IsFinite).Order().ToArray();
        var exactMedian = finite[(finite.Length - 1) / 2];
        var exactMad = finite.Select(v => Math.Abs(v - exactMedian)).Order().ElementAt((finite.Length - 1) / 2);
        Assert.Equal(finite.Length, histogram.Count);
        Assert.InRange(histogram.Median(), exactMedian - (Math.Abs(exactMedian) / 16), exactMedian + (Math.Abs(exactMedian) / 16));
        var (mad, _) = histogram.AbsoluteDeviations(histogram.Median());
        Assert.InRange(mad, exactMad * 0.85, exactMad * 1.15);
        var exactOutside = finite.Count(v => v < -15 || v > 300);
        Assert.InRange(histogram.CountOutside(-15, 300), exactOutside * 0.9, exactOutside * 1.1);
        Assert.Equal(0, new ValueHistogram().Count);
        Assert.True(double.IsNaN(new ValueHistogram().Median()));
    }

    /// <summary>Six temperature sensors over three days; every 250th reading of temperature is -999 (an error code), some 1e9.</summary>
    private async Task<string> InjectedExportAsync()
    {
        var export = _temp.Combine("dht.csv");
        CitizenSensorExport.Write(export, CitizenSensorExport.Dht22, sensors: 6, days: 3, seed: 11);
        var lines = await File.ReadAllLinesAsync(export);
        for (var i = 1; i < lines.Length; i++)
        {
            if (i % 250 == 0 || i % 1000 == 7)
            {
                var fields = lines[i].Split(';');
                fields[6] = i % 250 == 0 ? "-999" : "1e9";
                lines[i] = string.Join(';', fields);
            }
        }

        await File.WriteAllLinesAsync(export, lines);
        return export;
    }

    public void Dispose() => _temp.Dispose();
}
