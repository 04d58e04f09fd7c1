using Pipeline.Steps.Features;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.FeatureCreator;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>
/// A citizen-network export never tuned for (semicolons, ISO timestamps every 2-3 minutes, a location id and
/// coordinates per sensor, measurement columns empty from start to end) goes through the Chunker, the FeatureCreator
/// and ClusterTrain with every default: training succeeds on the measurements alone, and each column left out is
/// recorded with its rule and reason, in the manifest and on the model version. A named list stays strict.
/// </summary>
public sealed class DefaultFeaturesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private const string SensorAttribute = "never changes within a sensor (a sensor attribute such as an id or a coordinate): it tells where a sensor is, not how it behaves";

    [Fact]
    public async Task Sensor_attributes_are_kept_per_sensor_and_empty_columns_left_out_with_their_reasons()
    {
        var features = await FeaturesAsync([(CitizenSensorExport.Sds011, 9)]);
        var train = _temp.Combine("train");

        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", train, "--registry", _temp.Combine("registry"), "--k", "3", "--quiet"));

        // The location id and coordinates never reach the feature table: the FeatureCreator keeps them per sensor.
        var metrics = ClusterTrainRun.Metrics(train);
        Assert.Equal(["P1_mean", "P1_std", "P2_mean", "P2_std"], metrics["features"]!.AsArray().Select(f => f!.GetValue<string>()));
        var excluded = metrics["excludedFeatures"]!.AsArray().ToDictionary(e => e!["feature"]!.GetValue<string>(), e => e!["rule"]!.GetValue<string>());
        Assert.Equal(8, excluded.Count);
        Assert.All(excluded.Values, rule => Assert.Equal("all-missing", rule));
        Assert.Equal([18L, 18L, 18L], metrics["clusterDistribution"]!["training"]!.AsArray().Select(c => c!["count"]!.GetValue<long>()));

        var sensors = (await SensorTable.ReadAsync(Path.Combine(features, SensorTable.FileName), CancellationToken.None))!;
        Assert.Equal(["location", "lat", "lon"], sensors.NumberColumns);
        Assert.Equal(["sensor_type"], sensors.TextColumns);
        Assert.Equal(9, sensors.Rows.Count);
        Assert.All(sensors.Rows, r => Assert.Equal((new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 6), 0L, "SDS011"), (r.FirstSeen, r.LastSeen, r.Changes, r.Texts[0])));
    }

    [Fact]
    public async Task Empty_constant_and_per_sensor_constant_columns_are_left_out_with_their_reasons()
    {
        // Attributes left as readings (as FeatureCreators before the sensors table did): training still leaves them out.
        var features = await FeaturesAsync([(CitizenSensorExport.Sds011, 9)], "--sensor-attributes", "none");
        var train = _temp.Combine("train");

        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", train, "--registry", _temp.Combine("registry"), "--k", "3", "--quiet"));

        var metrics = ClusterTrainRun.Metrics(train);
        Assert.Equal(["P1_mean", "P1_std", "P2_mean", "P2_std"], metrics["features"]!.AsArray().Select(f => f!.GetValue<string>()));
        var excluded = metrics["excludedFeatures"]!.AsArray().ToDictionary(e => e!["feature"]!.GetValue<string>(), e => (e!["rule"]!.GetValue<string>(), e["reason"]!.GetValue<string>()));
        Assert.Equal(("sensor-attribute", SensorAttribute), excluded["lat_mean"]);
        Assert.Equal(("sensor-attribute", SensorAttribute), excluded["lon_mean"]);
        Assert.Equal(("sensor-attribute", SensorAttribute), excluded["location_mean"]);
        Assert.Equal(("constant", "has one value in every row (0)"), excluded["lat_std"]);
        Assert.Equal(("all-missing", "has no value in any of the 54 rows"), excluded["durP1_mean"]);
        Assert.Equal(14, excluded.Count);
        Assert.Equal(54, metrics["rowsTrained"]!.GetValue<long>());
        // The three behaviours the export's sensors have, three each, six days each: what the measurements alone separate.
        Assert.Equal([18L, 18L, 18L], metrics["clusterDistribution"]!["training"]!.AsArray().Select(c => c!["count"]!.GetValue<long>()));
        var version = ClusterTrainRun.Registered(train);
        Assert.Equal(excluded.Keys, version.ExcludedFeatures!.Select(e => e.Feature));

        // A list the user names is not filtered: an empty column in it is still an error, as before.
        var strict = _temp.Combine("strict");
        Assert.Equal(65, await ClusterTrainRun.RunAsync("--input", features, "--output", strict, "--registry", _temp.Combine("registry"), "--features", "P1_mean,durP1_mean", "--quiet"));
        Assert.Contains("feature 'durP1_mean' has no finite value in any of the 54 rows", ClusterTrainRun.Failure(strict)["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_only_some_sensors_have_is_left_out_when_missing_on_most_rows_and_kept_within_the_share_allowed()
    {
        // A combined export: 9 dust sensors, 3 temperature sensors; each leaves the other type's columns empty.
        var features = await FeaturesAsync([(CitizenSensorExport.Sds011, 9), (CitizenSensorExport.Dht22, 3)]);
        var train = _temp.Combine("train");

        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", train, "--registry", _temp.Combine("registry"), "--k", "3", "--quiet"));

        var metrics = ClusterTrainRun.Metrics(train);
        Assert.Equal(["P1_mean", "P1_std", "P2_mean", "P2_std"], metrics["features"]!.AsArray().Select(f => f!.GetValue<string>()));
        var temperature = metrics["excludedFeatures"]!.AsArray().Single(e => e!["feature"]!.GetValue<string>() == "temperature_mean")!;
        Assert.Equal("mostly-missing", temperature["rule"]!.GetValue<string>());
        Assert.Equal("is missing on 54 of 72 rows (75 %, more than the 50 % allowed by --max-missing-share)", temperature["reason"]!.GetValue<string>());
        // The temperature sensors' days lack the dust features: skipped, counted.
        Assert.Equal((54L, 18L), (metrics["rowsTrained"]!.GetValue<long>(), metrics["rowsSkipped"]!.GetValue<long>()));

        // Allowed a larger share, the temperature is kept and every row lacks something: too few rows to train on.
        var tolerant = _temp.Combine("tolerant");
        Assert.Equal(65, await ClusterTrainRun.RunAsync("--input", features, "--output", tolerant, "--registry", _temp.Combine("registry"), "--k", "3", "--max-missing-share", "0.8", "--quiet"));
        Assert.Contains("only 0 of 72 rows have every feature", ClusterTrainRun.Failure(tolerant)["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<string> FeaturesAsync(IReadOnlyList<(CitizenSensorExport.SensorType, int)> sensors, params string[] extra)
    {
        var export = _temp.Combine("data.csv");
        CitizenSensorExport.Write(export, sensors, days: 6, seed: 3);
        var (chunks, features) = (_temp.Combine("chunks"), _temp.Combine("features"));
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", export, "--output", chunks, "--quiet"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync(["--input", chunks, "--output", features, "--quiet", .. extra]));
        return features;
    }

    public void Dispose() => _temp.Dispose();
}
