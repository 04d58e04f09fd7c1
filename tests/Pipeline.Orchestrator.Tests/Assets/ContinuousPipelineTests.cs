using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Datasets;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>
/// The shipped sensor-continuous workflow, run by the datasets that arrive through the API over several days: each
/// run adds only its days to the readings, features and predictions assets; drift is measured against the days
/// before; a drifted day's gate holds training back until an editor overrides it; and late rows for two old days
/// re-make exactly those days downstream.
/// </summary>
public sealed class ContinuousPipelineTests
{
    private const string Workflow = "sensor-continuous";

    [Fact]
    public async Task Arriving_datasets_grow_the_assets_day_by_day_with_drift_a_gate_and_late_data()
    {
        using var scratch = new TempFolder("continuous");
        var shipped = ShippedWorkflows.Read(Workflow);
        shipped["triggers"]!.AsArray().Single(t => t!["type"]!.GetValue<string>() == "dataset")!["inputs"] =
            new JsonObject { ["registry"] = scratch.Sub("registry"), ["driftGate"] = "true" };
        await using var server = await ApiServer.StartAsync([shipped, ShippedWorkflows.Read("features-backfill")], extra: new() { ["Engine:InputRoots:3"] = scratch.Path, ["Models:Registries:continuous"] = scratch.Sub("registry") });

        // Days 1-10, then 11-14: quiet readings; the first run trains the first model.
        var first = await ArriveAsync(server, "days-01-10.csv", Readings(1, 10, scale: 1));
        Assert.Equal("succeeded", ApiClient.RunState(first));
        var second = await ArriveAsync(server, "days-11-14.csv", Readings(11, 14, scale: 1));
        Assert.Equal("succeeded", ApiClient.RunState(second));
        var features = await ManifestAsync(server, second, "features");
        Assert.Equal(4, features["metrics"]!["partitionsComputed"]!.GetValue<int>());
        Assert.Equal(10, features["metrics"]!["drift"]!["value_mean"]!["baselineRuns"]!.GetValue<int>());
        Assert.Contains("pipeline_feature_drift_zscore{", await server.MetricsWithAsync("pipeline_feature_drift_zscore{"), StringComparison.Ordinal);
        Assert.Equal(14, (await PartitionsAsync(server, "predictions")).Count);

        // Day 15 reads ten times higher: the gate blocks training and prediction, though the day's data is in.
        var drifted = await ArriveAsync(server, "day-15.csv", Readings(15, 15, scale: 10));
        Assert.Equal("failed", ApiClient.RunState(drifted));
        Assert.True(ApiClient.Step(drifted, "features")["blockedByGate"]!.GetValue<bool>());
        Assert.Equal("upstream-failed", ApiClient.StepState(drifted, "train"));
        Assert.Contains("2024-01-15", await PartitionsAsync(server, "features"));
        Assert.DoesNotContain("2024-01-15", await PartitionsAsync(server, "predictions"));

        var runId = drifted["run"]!["id"]!.GetValue<string>();
        var (status, _) = await server.PostAsync($"/api/runs/{runId}/steps/features/override-gate", new JsonObject { ["reason"] = "a new sensor calibration" });
        Assert.Equal(200, status);
        var overridden = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(overridden) == "succeeded", overridden.ToJsonString());
        Assert.Contains("2024-01-15", await PartitionsAsync(server, "predictions"));

        // Late rows of a new sensor for days 3 and 7: exactly those days are made again, in every asset.
        var late = await ArriveAsync(server, "late.csv", [.. Readings(3, 3, scale: 1, sensor: "late"), .. Readings(7, 7, scale: 1, sensor: "late")], allowGate: true);
        Assert.Equal("succeeded", ApiClient.RunState(late));
        foreach (var asset in new[] { "readings", "features", "predictions" })
        {
            foreach (var day in Enumerable.Range(1, 15).Select(d => $"2024-01-{d:00}"))
            {
                var detail = await server.GetJsonAsync($"/api/assets/{asset}/partitions/{day}");
                var made = detail["history"]!.AsArray().Count;
                Assert.True(made == (day is "2024-01-03" or "2024-01-07" ? 2 : 1), $"{asset} {day}: made {made} times");
                Assert.Equal("materialized", detail["partition"]!["state"]!.GetValue<string>());
            }
        }

        // What a late-made features day was made from: the readings day as it is now.
        var lineage = await server.GetJsonAsync("/api/assets/features/partitions/2024-01-07");
        var readingsNow = (await server.GetJsonAsync("/api/assets/readings/partitions/2024-01-07"))["partition"]!["current"]!["contentSha256"]!.GetValue<string>();
        Assert.Equal(readingsNow, Assert.Single(lineage["upstream"]!.AsArray())!["sha256"]!.GetValue<string>());

        // Down to the models: every version trained so far had day 7 in its window; only the newest saw its late rows.
        var models = lineage["models"]!.AsArray().Select(m => (Version: m!["version"]!.GetValue<int>(), Same: m["sameContent"]!.GetValue<bool>())).ToList();
        Assert.Equal([1, 2, 3, 4], models.Select(m => m.Version));
        Assert.Equal([false, false, false, true], models.Select(m => m.Same));

        // And on to what each version scored: every prediction day was scored by exactly one version, the one whose
        // model file its lineage names.
        var scoredDays = new List<string>();
        foreach (var model in lineage["models"]!.AsArray())
        {
            var version = model!["version"]!.GetValue<int>();
            var scored = await server.GetJsonAsync($"/api/models/continuous/versions/{version}/scored");
            var modelSha = scored["modelSha256"]!.GetValue<string>();
            Assert.Equal(model["modelSha256"]!.GetValue<string>(), modelSha);
            Assert.Equal(scored["total"]!.GetValue<long>(), model["scoredTotal"]!.GetValue<long>());
            foreach (var item in scored["partitions"]!.AsArray())
            {
                Assert.Equal("predictions", item!["asset"]!.GetValue<string>());
                var day = item["partition"]!["key"]!.GetValue<string>();
                var read = (await server.GetJsonAsync($"/api/assets/predictions/partitions/{day}"))["upstream"]!.AsArray();
                Assert.Contains(read, i => i!["file"] is not null && i["sha256"]!.GetValue<string>() == modelSha);
                scoredDays.Add(day);
            }
        }

        Assert.Equal(Enumerable.Range(1, 15).Select(d => $"2024-01-{d:00}").Order(StringComparer.Ordinal), scoredDays.Order(StringComparer.Ordinal));

        // A backfill of three days from the API: one run of the shipped features-backfill, one partition per day,
        // each made again from the readings as they are (the same content: the catalog records nothing new).
        var (status2, backfill) = await server.PostAsync("/api/assets/features/materialize", new JsonObject { ["from"] = "2024-01-02", ["to"] = "2024-01-04" });
        Assert.True(status2 == 202, backfill?.ToJsonString());
        var backfilled = await server.WaitForEndAsync(backfill!["runId"]!.GetValue<string>(), TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(backfilled) == "succeeded", backfilled.ToJsonString());
        Assert.Equal(3, ApiClient.Step(backfilled, "features")["partitions"]!["byState"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(2, (await server.GetJsonAsync("/api/assets/features/partitions/2024-01-03"))["history"]!.AsArray().Count);
    }

    /// <summary>Uploads a dataset and waits for the sensor-continuous run it started.</summary>
    private static async Task<JsonNode> ArriveAsync(ApiServer server, string name, IEnumerable<string> rows, bool allowGate = false)
    {
        var csv = Encoding.UTF8.GetBytes("sensor_id,timestamp,value\n" + string.Join("\n", rows) + "\n");
        var (status, dataset) = await DatasetUploads.MultipartAsync(server, csv, name, new() { ["timeZone"] = "UTC" });
        Assert.True(status == 201, dataset?.ToJsonString());
        Assert.True(dataset!["runs"]!.AsArray().Count == 1, dataset.ToJsonString());
        var runId = dataset["runs"]![0]!["runId"]!.GetValue<string>();
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        if (allowGate && ApiClient.RunState(detail) == "failed" && ApiClient.Step(detail, "features")["blockedByGate"]!.GetValue<bool>())
        {
            // Late rows can make the newest recomputed day drift as well; that is the gate's business, not this test's.
            await server.PostAsync($"/api/runs/{runId}/steps/features/override-gate", new JsonObject { ["reason"] = "late data" });
            detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        }

        return detail;
    }

    private static async Task<JsonNode> ManifestAsync(ApiServer server, JsonNode run, string step) =>
        await server.GetJsonAsync($"/api/runs/{run["run"]!["id"]!.GetValue<string>()}/steps/{step}/manifest");

    private static async Task<List<string>> PartitionsAsync(ApiServer server, string asset) =>
        [.. (await server.GetJsonAsync($"/api/assets/{asset}/partitions?limit=1000"))["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>())];

    /// <summary>Hourly readings of four sensors around 50 (times <paramref name="scale"/>) on days of January 2024.</summary>
    private static IEnumerable<string> Readings(int firstDay, int lastDay, double scale, string? sensor = null)
    {
        var random = new Random(firstDay * 31 + lastDay);
        for (var day = firstDay; day <= lastDay; day++)
        {
            foreach (var id in sensor is null ? ["s1", "s2", "s3", "s4"] : new[] { sensor })
            {
                for (var hour = 0; hour < 24; hour++)
                {
                    var value = (50 + random.NextDouble()) * scale;
                    yield return string.Create(CultureInfo.InvariantCulture, $"{id},2024-01-{day:00}T{hour:00}:00:00Z,{value:0.###}");
                }
            }
        }
    }
}
