using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Datasets;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>
/// A citizen air-quality network's export that nothing was tuned for (semicolons, ISO timestamps every 2-3 minutes,
/// a location id and coordinates per sensor, four measurement columns empty from start to end, a few absurd
/// readings) goes through the server with every default: upload, the shipped sensor-continuous workflow's chunk,
/// features, train and predict. Training leaves out each unusable column and says why, on the model version the
/// API serves; the features step counts the absurd readings.
/// </summary>
public sealed class CitizenExportEndToEndTests
{
    [Fact]
    public async Task An_upload_goes_to_predictions_with_every_default_and_every_left_out_column_explained()
    {
        using var scratch = new TempFolder("citizen");
        var shipped = ShippedWorkflows.Read("sensor-continuous");
        shipped["triggers"]!.AsArray().Single(t => t!["type"]!.GetValue<string>() == "dataset")!["inputs"] = new JsonObject { ["registry"] = scratch.Sub("registry") };
        await using var server = await ApiServer.StartAsync([shipped], extra: new() { ["Engine:InputRoots:3"] = scratch.Path, ["Models:Registries:citizen"] = scratch.Sub("registry") });
        var export = Path.Combine(scratch.Path, "sds011.csv");
        CitizenSensorExport.Write(export, CitizenSensorExport.Sds011, sensors: 9, days: 4, seed: 21);
        var lines = await File.ReadAllLinesAsync(export);
        lines[100] = string.Join(';', lines[100].Split(';').Select((f, i) => i == 6 ? "-999" : f));

        var (status, dataset) = await DatasetUploads.MultipartAsync(server, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), "sds011.csv", new() { ["timeZone"] = "UTC" });

        Assert.True(status == 201, dataset?.ToJsonString());
        var runId = Assert.Single(dataset!["runs"]!.AsArray())!["runId"]!.GetValue<string>();
        var run = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(run) == "succeeded", run.ToJsonString());

        var train = (await server.GetJsonAsync($"/api/runs/{runId}/steps/train/manifest"))["metrics"]!;
        Assert.Equal(["P1_mean", "P1_std", "P2_mean", "P2_std"], train["features"]!.AsArray().Select(f => f!.GetValue<string>()));
        var versions = (await server.GetJsonAsync("/api/models/citizen/versions")).AsArray();
        var excluded = Assert.Single(versions)!["metadata"]!["excludedFeatures"]!.AsArray()
            .ToDictionary(e => e!["feature"]!.GetValue<string>(), e => e!["rule"]!.GetValue<string>());
        Assert.Equal("all-missing", excluded["ratioP2_mean"]);
        Assert.Equal(8, excluded.Count);

        // The location id, coordinates and sensor type are kept once per sensor, not as features, and joined into
        // every prediction.
        var sensors = await server.GetJsonAsync("/api/assets/features/sensors");
        var columns = sensors["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["sensor_id", "first_seen", "last_seen", "attribute_changes", "location", "lat", "lon", "sensor_type"], columns);
        var rows = sensors["rows"]!.AsArray();
        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.Equal(("2024-03-01", "2024-03-04", "SDS011"), (r![1]!.GetValue<string>()[..10], r[2]!.GetValue<string>()[..10], r[7]!.GetValue<string>())));
        var features = (await server.GetJsonAsync($"/api/runs/{runId}/steps/features/manifest"))["metrics"]!;
        Assert.Equal(["location", "lat", "lon"], features["sensorAttributes"]!["numbers"]!.AsArray().Select(c => c!.GetValue<string>()));
        var day = (await server.GetJsonAsync("/api/assets/predictions/partitions/2024-03-02/preview?limit=3"));
        Assert.Equal(["sensor_id", "day", "cluster", "distance", "model_version", "location", "lat", "lon", "sensor_type"], day["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.All(day["rows"]!.AsArray(), r => Assert.Equal("SDS011", r![8]!.GetValue<string>()));

        // The -999, and the spiky sensors' bursts (a third of the sensors jump to about 150 now and then).
        var p1 = features["outliers"]!["P1"]!;
        Assert.True(p1["count"]!.GetValue<long>() >= 1 && p1["low"]!.GetValue<double>() > -999, p1.ToJsonString());
        var predictions = (await server.GetJsonAsync("/api/assets/predictions/partitions?limit=100"))["partitions"]!.AsArray();
        Assert.Equal(4, predictions.Count);
    }
}
