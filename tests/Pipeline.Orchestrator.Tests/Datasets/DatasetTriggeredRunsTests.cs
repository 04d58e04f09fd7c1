using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Orchestrator.Persistence;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using TempFolder = Pipeline.Orchestrator.Tests.Support.TempFolder;
using static Pipeline.Orchestrator.Tests.Datasets.DatasetsApiTests;

namespace Pipeline.Orchestrator.Tests.Datasets;

/// <summary>
/// What a dataset's arrival starts: the shipped sensor-prediction workflow, predicting the new sensor's days with
/// the model the shipped training registered; and, when a server stopped before firing a stored dataset's triggers,
/// the next server fires them.
/// </summary>
public sealed class DatasetTriggeredRunsTests
{
    [Fact]
    public async Task An_uploaded_dataset_starts_sensor_prediction_on_it()
    {
        using var scratch = new TempFolder("dataset-prediction");
        var registry = scratch.Sub("registry");
        var prediction = ShippedWorkflows.Read("sensor-prediction");
        // The shipped trigger predicts with the default registry; this server's registry is the test's.
        prediction["triggers"]!.AsArray().Single(t => t!["type"]!.GetValue<string>() == "dataset")!["inputs"] = new JsonObject { ["registry"] = registry };
        await using var server = await ApiServer.StartAsync([ShippedWorkflows.Read("sensor-training"), prediction],
            extra: new() { ["Models:Registries:beijing"] = registry, ["Engine:InputRoots:3"] = scratch.Path });
        var training = await server.TriggerAsync("sensor-training", new() { ["source"] = SharedData.BundledSample, ["registry"] = registry });
        Assert.Equal("succeeded", ApiClient.RunState(await server.WaitForEndAsync(training, TimeSpan.FromMinutes(3))));

        var csv = await File.ReadAllBytesAsync(Path.Combine(SharedData.BundledSample, "PRSA_Data_Dingling_201303.csv"));
        var (status, dataset) = await DatasetUploads.MultipartAsync(server, csv, "dingling-2013-03.csv", new() { ["timeZone"] = "Asia/Chongqing" });

        Assert.True(status == 201, dataset?.ToJsonString());
        var started = Assert.Single(dataset!["runs"]!.AsArray())!;
        Assert.Equal("sensor-prediction", started["workflowId"]!.GetValue<string>());
        var runId = started["runId"]!.GetValue<string>();
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());
        Assert.Equal(dataset["path"]!.GetValue<string>(), detail["run"]!["inputs"]!["source"]!.GetValue<string>());
        // The run reads the times in the zone the dataset was profiled in (the shipped trigger's timeZoneInput).
        Assert.Equal("Asia/Chongqing", detail["run"]!["inputs"]!["timeZone"]!.GetValue<string>());
        var metrics = (await server.GetJsonAsync($"/api/runs/{runId}/steps/predict/manifest"))["metrics"]!;
        Assert.Equal(31, metrics["rowsRead"]!.GetValue<long>());
        Assert.Equal(1, metrics["model"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Triggers_a_stopped_server_did_not_fire_are_fired_by_the_next_one()
    {
        using var scratch = new TempFolder("dataset-sweep");
        var databaseFile = scratch.Sub("pipeline.db");
        var sample = Path.Combine(SharedData.BundledSample, "PRSA_Data_Changping_201303.csv");
        await using (var database = await OrchestratorStorage.OpenAndMigrateAsync(null, databaseFile, null, CancellationToken.None))
        {
            // As a server leaves it when it stops between storing a dataset and firing its triggers.
            await database.Datasets.AddAsync(
                new DatasetRecord
                {
                    Id = "0123456789abcdef", Name = "changping.csv", Sha256 = new string('0', 64), Bytes = new FileInfo(sample).Length, Path = sample,
                    TimeZone = "UTC", SchemaJson = "{}", Rows = 744, GoodRows = 744, Sensors = 1, ProblemsJson = "[]", CreatedAt = DateTimeOffset.UnixEpoch,
                },
                CancellationToken.None);
        }

        await using var server = await ApiServer.StartAsync([CountLines("count-all", null)], extra: new() { ["Storage:SqliteFile"] = databaseFile });

        var runs = await WaitForRunsAsync(server, "count-all");
        var run = Assert.Single(runs);
        Assert.Equal("dataset", run!["run"]!["triggeredBy"]!.GetValue<string>());
        Assert.Equal(sample, (await server.RunAsync(run["run"]!["id"]!.GetValue<string>()))["run"]!["inputs"]!["source"]!.GetValue<string>());
        await using var reopened = OrchestratorStorage.Open(null, databaseFile);
        Assert.Empty(await reopened.Datasets.UntriggeredAsync(CancellationToken.None));
        Assert.Single(await reopened.Datasets.RunsAsync("0123456789abcdef", CancellationToken.None));
    }

    private static async Task<JsonArray> WaitForRunsAsync(ApiServer server, string workflowId)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var runs = (await server.GetJsonAsync($"/api/runs?workflow={workflowId}"))["runs"]!.AsArray();
            if (runs.Count > 0 || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return runs;
            }

            await Task.Delay(100);
        }
    }
}
