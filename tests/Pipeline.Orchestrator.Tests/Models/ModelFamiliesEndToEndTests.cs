using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Datasets;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>
/// Datasets of several kinds uploaded to a real server run the shipped sensor-prediction workflow: the first dataset
/// of a kind trains its model family's first version and predicts with it, a dataset of a known kind predicts with
/// its own family's production model (never another kind's), and a dataset of a new kind that cannot train says
/// why on the dataset's page. Each family is a model of its own in the API.
/// </summary>
public sealed class ModelFamiliesEndToEndTests
{
    [Fact]
    public async Task Each_kind_of_dataset_finds_or_starts_its_own_model_family()
    {
        using var scratch = new TempFolder("families");
        var shipped = ShippedWorkflows.Read("sensor-prediction");
        shipped["triggers"]!.AsArray().Single(t => t!["type"]!.GetValue<string>() == "dataset")!["inputs"] = new JsonObject { ["registry"] = scratch.Sub("registry") };
        await using var server = await ApiServer.StartAsync([shipped], extra: new() { ["Engine:InputRoots:3"] = scratch.Path, ["Models:Registries:citizen"] = scratch.Sub("registry") });

        var dust = await UploadAsync(server, scratch, "dust.csv", CitizenSensorExport.Sds011, sensors: 9, days: 3, seed: 1);
        Assert.Equal("succeeded", dust.State);
        Assert.Equal("P1-P2", (await MetricsAsync(server, dust.RunId, "train"))["family"]!.GetValue<string>());
        Assert.Equal("P1-P2", (await MetricsAsync(server, dust.RunId, "predict"))["model"]!["family"]!.GetValue<string>());

        var heat = await UploadAsync(server, scratch, "heat.csv", CitizenSensorExport.Dht22, sensors: 9, days: 3, seed: 2);
        Assert.Equal("succeeded", heat.State);
        var heatModel = (await MetricsAsync(server, heat.RunId, "predict"))["model"]!;
        Assert.Equal("humidity-temperature", heatModel["family"]!.GetValue<string>());
        Assert.Equal(["humidity_mean", "humidity_std", "temperature_mean", "temperature_std"], heatModel["features"]!.AsArray().Select(f => f!.GetValue<string>()).Order(StringComparer.Ordinal));

        // A second dust dataset: its family has a production version, so nothing is trained and it predicts with it.
        var moreDust = await UploadAsync(server, scratch, "more-dust.csv", CitizenSensorExport.Sds011, sensors: 6, days: 2, seed: 3);
        Assert.Equal("succeeded", moreDust.State);
        Assert.True((await MetricsAsync(server, moreDust.RunId, "train"))["skipped"]!.GetValue<bool>());
        Assert.Equal("P1-P2", (await MetricsAsync(server, moreDust.RunId, "predict"))["model"]!["family"]!.GetValue<string>());

        var models = (await server.GetJsonAsync("/api/models")).AsArray().Where(m => m!["name"]!.GetValue<string>().StartsWith("citizen", StringComparison.Ordinal)).ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!["versionCount"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["citizen"] = 1, ["citizen:humidity-temperature"] = 1 }, models);
        var family = Assert.Single((await server.GetJsonAsync("/api/models/citizen%3Ahumidity-temperature/versions")).AsArray())!;
        Assert.Equal("humidity-temperature", family["metadata"]!["family"]!.GetValue<string>());

        // A new kind too small to train on (one sensor-day: every feature is constant) fails, and its dataset says why.
        var pressure = new CitizenSensorExport.SensorType("BMP180", ["pressure"], []);
        var tiny = await UploadAsync(server, scratch, "pressure.csv", pressure, sensors: 1, days: 1, seed: 4);
        Assert.Equal("failed", tiny.State);
        var page = (await server.GetJsonAsync($"/api/datasets/{tiny.DatasetId}"))["runs"]!.AsArray().Single()!;
        Assert.Equal("failed", page["state"]!.GetValue<string>());
        Assert.Contains("step 'train' exited with code 65", page["failure"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("pressure_mean", page["failure"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<(string DatasetId, string RunId, string State)> UploadAsync(
        ApiServer server, TempFolder scratch, string name, CitizenSensorExport.SensorType type, int sensors, int days, int seed)
    {
        var path = Path.Combine(scratch.Path, name);
        CitizenSensorExport.Write(path, type, sensors, days, seed);
        var (status, dataset) = await DatasetUploads.MultipartAsync(server, await File.ReadAllBytesAsync(path), name, new() { ["timeZone"] = "UTC" });
        Assert.True(status == 201, dataset?.ToJsonString());
        var runId = Assert.Single(dataset!["runs"]!.AsArray())!["runId"]!.GetValue<string>();
        var run = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        return (dataset["id"]!.GetValue<string>(), runId, ApiClient.RunState(run));
    }

    private static async Task<JsonNode> MetricsAsync(ApiServer server, string runId, string step) =>
        (await server.GetJsonAsync($"/api/runs/{runId}/steps/{step}/manifest"))["metrics"]!;
}
