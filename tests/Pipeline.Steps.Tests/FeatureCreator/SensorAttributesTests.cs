using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.Clustering;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>
/// Sensor attributes: columns that never change within a sensor (coordinates, a type) are kept once per sensor in
/// the sensors table, with first and last seen, instead of as features; a features asset decides them on its first
/// run and keeps every later day's columns the same; a sensor that moves is counted, not mistaken for a reading;
/// predictions carry each sensor's attributes.
/// </summary>
public sealed class SensorAttributesTests : IDisposable
{
    private const string Header = "sensor_id,timestamp,lat,kind,temp,rain";
    private readonly TempFolder _temp = new();

    private string Readings => _temp.Combine("assets", "readings");

    private string Features => _temp.Combine("assets", "features");

    [Fact]
    public async Task An_asset_decides_its_attributes_on_its_first_run_and_counts_a_sensor_that_moved()
    {
        // Day 1: rain is 0 everywhere (a reading that happens to be constant, not an attribute).
        await IngestAsync("first", Day(1, rain: _ => 0));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f1"), "--asset-dir", Features, "--quiet"));
        var first = Metrics("f1")["sensorAttributes"]!;
        Assert.Equal(["lat"], Strings(first["numbers"]!));
        Assert.Equal(["kind"], Strings(first["texts"]!));
        Assert.Equal("detected on the asset's first day made, 2024-05-01: one value within every sensor-day", first["decision"]!.GetValue<string>());

        // Day 2: sensor s1 moved during the day, a new sensor s9 appears; rain and temp vary.
        await IngestAsync("second", [.. Day(2, rain: i => i), "s1,2024-05-02T23:00:00Z,48.5,dust,20,1", "s9,2024-05-02T10:00:00Z,47.0,heat,5,0", "s9,2024-05-02T11:00:00Z,47.0,heat,6,0"]);
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f2"), "--asset-dir", Features, "--quiet"));

        var second = Metrics("f2")["sensorAttributes"]!;
        Assert.Equal("kept from the asset's sensors table (decided on its first run)", second["decision"]!.GetValue<string>());
        Assert.Equal(["s1"], Strings(second["changed"]!));
        var sensors = (await SensorTable.ReadAsync(SensorTable.AssetPath(Features), CancellationToken.None))!;
        var rows = sensors.Rows.ToDictionary(r => r.SensorId);
        Assert.Equal(["s0", "s1", "s2", "s9"], rows.Keys);
        Assert.Equal((Date(1), Date(2), 0L, 48.0, "dust"), (rows["s0"].FirstSeen, rows["s0"].LastSeen, rows["s0"].Changes, rows["s0"].Numbers[0], rows["s0"].Texts[0]));
        Assert.Equal(1L, rows["s1"].Changes);
        Assert.Equal((Date(2), Date(2), 47.0, "heat"), (rows["s9"].FirstSeen, rows["s9"].LastSeen, rows["s9"].Numbers[0], rows["s9"].Texts[0]));

        // Both days have the same feature columns: rain and temp, never lat.
        foreach (var day in new[] { "2024-05-01", "2024-05-02" })
        {
            var columns = DuckDb.Scalar<string>($"SELECT string_agg(column_name, ',') FROM (DESCRIBE SELECT * FROM read_parquet('{AssetLayout.PartitionFolder(Features, day)}/features.parquet'))");
            Assert.DoesNotContain("lat_", columns, StringComparison.Ordinal);
            Assert.Contains("rain_mean", columns, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_asset_made_before_attributes_were_kept_keeps_its_columns_and_a_named_set_cannot_change_them()
    {
        await IngestAsync("first", Day(1, rain: i => i));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f1"), "--asset-dir", Features, "--sensor-attributes", "none", "--quiet"));
        Assert.Equal([], sensorsColumns(await SensorTable.ReadAsync(SensorTable.AssetPath(Features), CancellationToken.None)));

        // As an asset from before: partitions and no sensors table. The next day keeps lat as a reading.
        File.Delete(SensorTable.AssetPath(Features));
        await IngestAsync("second", Day(2, rain: i => i));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", _temp.Combine("f2"), "--asset-dir", Features, "--quiet"));
        Assert.StartsWith("none: the asset's features were made before", Metrics("f2")["sensorAttributes"]!["decision"]!.GetValue<string>(), StringComparison.Ordinal);

        await IngestAsync("third", Day(3, rain: i => i));
        var refused = _temp.Combine("f3");
        Assert.Equal(64, await FeatureCreatorRun.RunAsync("--input", Readings, "--output", refused, "--asset-dir", Features, "--sensor-attributes", "lat", "--quiet"));
        Assert.Contains("the asset 'features' has the sensor attributes none", FeatureCreatorRun.ReadJson(Path.Combine(refused, Runtime.StepOutput.FailureFileName))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        static IReadOnlyList<string> sensorsColumns(SensorTable? table) => table!.AttributeColumns;
    }

    [Fact]
    public async Task One_reading_a_day_is_no_evidence_and_predictions_carry_each_sensor_s_attributes()
    {
        var sparse = _temp.Combine("sparse.csv");
        await File.WriteAllLinesAsync(sparse, [Header, .. Enumerable.Range(0, 6).Select(i => $"s{i},2024-05-0{1 + (i % 3)}T10:00:00Z,4{i}.0,dust,{i},0")]);
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", sparse, "--output", _temp.Combine("sparse-chunks"), "--quiet"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", _temp.Combine("sparse-chunks"), "--output", _temp.Combine("sparse-features"), "--quiet"));
        Assert.Equal([], Strings(FeatureCreatorRun.ReadJson(Path.Combine(_temp.Combine("sparse-features"), "_manifest.json"))["metrics"]!["sensorAttributes"]!["numbers"]!));

        var export = _temp.Combine("export.csv");
        CitizenSensorExport.Write(export, CitizenSensorExport.Sds011, sensors: 6, days: 2, seed: 5);
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", export, "--output", _temp.Combine("chunks"), "--quiet"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", _temp.Combine("chunks"), "--output", _temp.Combine("features"), "--quiet"));
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", _temp.Combine("features"), "--output", _temp.Combine("train"), "--registry", _temp.Combine("registry"), "--k", "2", "--quiet"));
        Assert.Equal(0, await ClusterPredictRun.RunAsync(null, "--input", _temp.Combine("features"), "--output", _temp.Combine("predict"), "--registry", _temp.Combine("registry"), "--quiet"));

        var predictions = $"read_parquet('{_temp.Combine("predict", "predictions.parquet")}')";
        var sensors = $"read_parquet('{_temp.Combine("features", SensorTable.FileName)}')";
        Assert.Equal(12L, DuckDb.Scalar<long>($"SELECT count(*) FROM {predictions} WHERE sensor_type = 'SDS011' AND lat IS NOT NULL"));
        Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) FROM {predictions} p JOIN {sensors} s USING (sensor_id) WHERE p.lat <> s.lat OR p.location <> s.location"));
    }

    private static IEnumerable<string> Day(int day, Func<int, double> rain)
    {
        for (var sensor = 0; sensor < 3; sensor++)
        {
            for (var hour = 0; hour < 6; hour++)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"s{sensor},2024-05-0{day}T{hour:00}:00:00Z,{48 + sensor}.0,{(sensor == 2 ? "heat" : "dust")},{(10 * sensor) + hour + day},{rain(hour)}");
            }
        }
    }

    private async Task IngestAsync(string name, IEnumerable<string> rows)
    {
        var file = _temp.Combine(name + ".csv");
        await File.WriteAllLinesAsync(file, [Header, .. rows]);
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", file, "--output", _temp.Combine(name + "-chunks"), "--asset-dir", Readings, "--quiet"));
    }

    private JsonNode Metrics(string output) => FeatureCreatorRun.ReadJson(Path.Combine(_temp.Combine(output), "_manifest.json"))["metrics"]!;

    private static DateOnly Date(int day) => new(2024, 5, day);

    private static List<string> Strings(JsonNode array) => [.. array.AsArray().Select(n => n!.GetValue<string>())];

    public void Dispose() => _temp.Dispose();
}
