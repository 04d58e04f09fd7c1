using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>
/// Online prediction against a model the real training workflow registered: the same clusters and distances as the
/// batch ClusterPredict step gives for the same feature rows, and bad rows refused with their paths. Raw readings
/// are in <see cref="SensorDayPredictionTests"/>.
/// </summary>
[Collection(ShippedModelFixture.Collection)]
public sealed class PredictionsApiTests(ShippedModelFixture sample)
{
    [Fact]
    public async Task Online_predictions_equal_the_batch_steps_and_bad_rows_are_named()
    {
        var server = sample.Server;
        var features = await sample.BatchFeaturesAsync();
        var complete = features.CompleteRows();
        var rows = new JsonArray([.. complete.Select(r => (JsonNode)new JsonObject([.. features.Features.Select((f, i) => KeyValuePair.Create(f, (JsonNode?)features.Columns[i][r]))]))]);
        var (status, body) = await server.PostAsync("/api/models/beijing/predict", new JsonObject { ["rows"] = rows });
        Assert.True(status == 200, body?.ToJsonString());
        Assert.Equal(1, body!["version"]!.GetValue<int>());
        Assert.Null(body["sensorDay"]);

        var batch = await sample.BatchPredictionsAsync();
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

    [Fact]
    public async Task Ten_thousand_rows_the_documented_most_are_taken_in_one_request_and_more_are_refused()
    {
        var server = sample.Server;
        var features = await sample.BatchFeaturesAsync();
        var complete = features.CompleteRows();
        JsonArray Rows(int count) => new([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject(
            [.. features.Features.Select((f, c) => KeyValuePair.Create(f, (JsonNode?)features.Columns[c][complete[i % complete.Length]]))]))]);
        var most = new JsonObject { ["rows"] = Rows(10_000) };
        // Far over the 1 MiB every other endpoint takes (Server:MaxRequestBodyBytes).
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(most.ToJsonString()) > 2 * 1024 * 1024);

        var (status, body) = await server.PostAsync("/api/models/beijing/predict", most);
        Assert.True(status == 200, $"{status} {body?.ToJsonString()}");
        Assert.Equal(10_000, body!["predictions"]!.AsArray().Count);

        var (refused, problem) = await server.PostAsync("/api/models/beijing/predict", new JsonObject { ["rows"] = Rows(10_001) });
        Assert.Equal(422, refused);
        Assert.StartsWith("at most 10000 rows a request", problem!["errors"]!["rows"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
