using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Parquet.Serialization;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Steps.Contract.Features;
using Pipeline.Steps.Tests.Support;
using TempFolder = Pipeline.Orchestrator.Tests.Support.TempFolder;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>
/// Online prediction against a model the real training workflow registered: the same clusters and distances as the
/// batch ClusterPredict step gives for the same feature rows, and bad rows refused with their paths.
/// </summary>
public sealed class PredictionsApiTests
{
    [Fact]
    public async Task Online_predictions_equal_the_batch_steps_and_bad_rows_are_named()
    {
        using var scratch = new TempFolder("predictions-api");
        var registry = scratch.Sub("registry");
        await using var server = await ApiServer.StartAsync([ShippedWorkflows.Read("sensor-training"), ShippedWorkflows.Read("sensor-prediction")],
            extra: new() { ["Models:Registries:beijing"] = registry, ["Engine:InputRoots:3"] = scratch.Path });
        var inputs = new Dictionary<string, string> { ["source"] = SharedData.BundledSample, ["registry"] = registry };
        await RunToSuccessAsync(server, "sensor-training", inputs);
        var predictionRun = await RunToSuccessAsync(server, "sensor-prediction", inputs);

        var features = await FeatureTableReader.ReadAsync(Path.Combine(server.DataRoot, "runs", predictionRun, "features", FeatureTableReader.FileName), null, CancellationToken.None);
        var complete = features.CompleteRows();
        var rows = new JsonArray([.. complete.Select(r => (JsonNode)new JsonObject([.. features.Features.Select((f, i) => KeyValuePair.Create(f, (JsonNode?)features.Columns[i][r]))]))]);
        var (status, body) = await server.PostAsync("/api/models/beijing/predict", new JsonObject { ["rows"] = rows });
        Assert.True(status == 200, body?.ToJsonString());
        Assert.Equal(1, body!["version"]!.GetValue<int>());

        await using var file = File.OpenRead(Path.Combine(server.DataRoot, "runs", predictionRun, "predict", "predictions.parquet"));
        var written = (await ParquetSerializer.DeserializeAsync<BatchPrediction>(file)).Data;
        var batch = written.ToDictionary(p => (p.SensorId, p.Day), p => p);
        var online = body["predictions"]!.AsArray();
        Assert.Equal(complete.Length, online.Count);
        for (var i = 0; i < complete.Length; i++)
        {
            var expected = batch[(features.SensorIds[complete[i]], features.Days[complete[i]])];
            Assert.Equal(expected.Cluster, online[i]!["cluster"]!.GetValue<int>());
            Assert.Equal(expected.Distance, online[i]!["distance"]!.GetValue<double>(), 6);
        }

        var first = (JsonObject)rows[0]!.DeepClone();
        var feature = features.Features[0];
        first.Remove(feature);
        first["humidity"] = 3;
        var (refused, problem) = await server.PostAsync("/api/models/beijing/predict", new JsonObject { ["rows"] = new JsonArray(first, new JsonObject { [feature] = "NaN" }) });
        Assert.Equal(422, refused);
        var errors = problem!["errors"]!.AsObject();
        Assert.Contains($"rows[0].{feature}", errors.Select(e => e.Key));
        Assert.Contains("rows[0].humidity", errors.Select(e => e.Key));
        Assert.Equal("must be a finite number", errors[$"rows[1].{feature}"]![0]!.GetValue<string>());
        Assert.Equal(422, (await server.PostAsync("/api/models/beijing/predict", new JsonObject { ["rows"] = new JsonArray() })).Status);
        Assert.Equal(404, (await server.PostAsync("/api/models/beijing/predict", new JsonObject { ["rows"] = rows.DeepClone(), ["version"] = 99 })).Status);
        Assert.Equal(404, (await server.PostAsync("/api/models/nope/predict", new JsonObject { ["rows"] = rows.DeepClone() })).Status);
    }

    private static async Task<string> RunToSuccessAsync(ApiServer server, string workflow, Dictionary<string, string> inputs)
    {
        var runId = await server.TriggerAsync(workflow, inputs);
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());
        return runId;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Parquet.Net creates it")]
    private sealed class BatchPrediction
    {
        [JsonPropertyName("sensor_id")]
        [Parquet.Serialization.Attributes.ParquetRequired]
        public string SensorId { get; set; } = "";

        [JsonPropertyName("day")]
        public DateOnly Day { get; set; }

        [JsonPropertyName("cluster")]
        public int Cluster { get; set; }

        [JsonPropertyName("distance")]
        public double Distance { get; set; }
    }
}
