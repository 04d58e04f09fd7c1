using System.Text.Json.Nodes;
using Npgsql;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Containers;

/// <summary>
/// sensor-training, then sensor-prediction, as shipped, with every step in its own container of the real step images:
/// the Parquet chunks, features and model pass between containers through the data root, the model registry through
/// the shared working directory, and ClusterPredict writes to PostgreSQL with the connection string passed through
/// from the server's environment, into the database that also holds the server's state.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class ShippedWorkflowsInContainersTests(PostgresFixture postgres)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(4);

    [StepImagesFact]
    public async Task Training_then_prediction_run_every_step_in_its_image_end_to_end()
    {
        var database = await postgres.Server.CreateDatabaseAsync(CancellationToken.None);
        await using var server = new ContainerServer(new Dictionary<string, string>
        {
            ["CLUSTER_PREDICT_CONNECTION_STRING"] = database,
            ["Runner__Docker__PassEnvironment__0"] = "CLUSTER_PREDICT_CONNECTION_STRING",
            // The test's PostgreSQL listens on the host's loopback.
            ["Runner__Docker__NetworkMode"] = "host",
        },
        // One database for the server's state and ClusterPredict's table, as under docker-compose: their schema
        // histories must not collide.
        database);
        server.Ship("sensor-training");
        server.Ship("sensor-prediction");
        await server.StartAsync();
        // Steps never run as root: under a root server (as here) they run as Runner:Docker:FallbackUser, which the
        // runner gives each step's output and run folder; any other folder a step writes, such as the model
        // registry, must be writable by that user, as an operator would make it.
        var registry = Directory.CreateDirectory(Path.Combine(server.DataRoot, "registry")).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(registry, (UnixFileMode)0b111_111_111); // rwxrwxrwx
        }

        var training = await server.Api.TriggerAsync("sensor-training", new() { ["registry"] = registry });
        var trained = await server.Api.WaitForEndAsync(training, RunLimit);

        Assert.True(ApiClient.RunState(trained) == "succeeded", $"{trained.ToJsonString()}\n{server.Output}");
        await AssertEachStepRanInItsImage(server, training, new() { ["chunk"] = "chunker", ["features"] = "feature-creator", ["train"] = "cluster-train" });
        Assert.True(File.Exists(Path.Combine(registry, "versions", "0001", "model.zip")), "no model version 0001 in the registry");

        var prediction = await server.Api.TriggerAsync("sensor-prediction", new() { ["registry"] = registry });
        var predicted = await server.Api.WaitForEndAsync(prediction, RunLimit);

        Assert.True(ApiClient.RunState(predicted) == "succeeded", $"{predicted.ToJsonString()}\n{server.Output}");
        await AssertEachStepRanInItsImage(server, prediction, new() { ["chunk"] = "chunker", ["features"] = "feature-creator", ["predict"] = "cluster-predict" });
        var predictFolder = ApiClient.Step(predicted, "predict")["outputFolder"]!.GetValue<string>();
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(predictFolder, "_manifest.json")))!;
        Assert.Equal("succeeded", manifest["status"]!.GetValue<string>());
        var metrics = manifest["metrics"]!;
        var features = await RowsAsync(ApiClient.Step(predicted, "features")["outputFolder"]!.GetValue<string>());
        var predictedRows = metrics["rowsPredicted"]!.GetValue<long>();
        Assert.True(predictedRows > 0, metrics.ToJsonString());
        Assert.Equal(features, predictedRows + metrics["rowsUnassigned"]!.GetValue<long>());
        Assert.True(metrics["database"]!["written"]!.GetValue<bool>(), metrics.ToJsonString());
        Assert.Equal(predictedRows, await PredictionRowsAsync(database, prediction));
    }

    private static async Task AssertEachStepRanInItsImage(ContainerServer server, string runId, Dictionary<string, string> programs)
    {
        foreach (var (step, program) in programs)
        {
            var container = Assert.Single(await server.ContainersAsync(runId, step));
            Assert.Equal(StepImages.All[program], container.Image);
            Assert.Equal("exited", container.State);
            Assert.Contains("Exited (0)", container.Status, StringComparison.Ordinal);
        }
    }

    // Rows of the features.parquet table, from the step's own manifest.
    private static async Task<long> RowsAsync(string outputFolder)
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outputFolder, "_manifest.json")))!;
        return manifest["outputs"]!.AsArray().Sum(o => o!["rows"]!.GetValue<long>());
    }

    private static async Task<long> PredictionRowsAsync(string connectionString, string runId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from cluster_predictions where run_id = @run", connection);
        command.Parameters.AddWithValue("run", runId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
