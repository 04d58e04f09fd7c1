using System.Text.Json.Serialization;
using Parquet.Serialization;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Steps.Features;
using Pipeline.Testing;
using TempFolder = Pipeline.Orchestrator.Tests.Support.TempFolder;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>
/// A server that ran the shipped sensor-training and then sensor-prediction workflows on the bundled sample (model
/// <c>beijing</c>, version 1 in production): the batch features and predictions the online ones are held against.
/// Training and prediction take most of a minute, so the tests of the collection share one run (and must leave
/// version 1 in production).
/// </summary>
public sealed class ShippedModelFixture : IAsyncLifetime, IDisposable
{
    public const string Collection = "shipped model";

    private readonly TempFolder _scratch = new("predictions-api");
    private ApiServer? _server;
    private string? _predictionRun;

    public ApiServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public string Registry => _scratch.Sub("registry");

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync([ShippedWorkflows.Read("sensor-training"), ShippedWorkflows.Read("sensor-prediction")],
            extra: new() { ["Models:Registries:beijing"] = Registry, ["Engine:InputRoots:3"] = _scratch.Path });
        var inputs = new Dictionary<string, string> { ["source"] = SharedData.BundledSample, ["registry"] = Registry };
        await RunToSuccessAsync(Server, "sensor-training", inputs);
        _predictionRun = await RunToSuccessAsync(Server, "sensor-prediction", inputs);
    }

    /// <summary>The features.parquet the FeatureCreator wrote in the prediction run, with the given columns (default: the model's).</summary>
    public Task<FeatureTable> BatchFeaturesAsync(IReadOnlyList<string>? columns = null) =>
        FeatureTableReader.ReadAsync(Path.Combine(Server.DataRoot, "runs", _predictionRun!, "features", FeatureTableReader.FileName), columns, CancellationToken.None);

    /// <summary>The predictions.parquet ClusterPredict wrote in the prediction run, by sensor-day.</summary>
    public async Task<Dictionary<(string SensorId, DateOnly Day), BatchPrediction>> BatchPredictionsAsync()
    {
        await using var file = File.OpenRead(Path.Combine(Server.DataRoot, "runs", _predictionRun!, "predict", "predictions.parquet"));
        return (await ParquetSerializer.DeserializeAsync<BatchPrediction>(file)).Data.ToDictionary(p => (p.SensorId, p.Day));
    }

    public static async Task<string> RunToSuccessAsync(ApiServer server, string workflow, Dictionary<string, string> inputs)
    {
        var runId = await server.TriggerAsync(workflow, inputs);
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());
        return runId;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>After <see cref="DisposeAsync"/> (xUnit calls both): the server's steps no longer write into the folder.</summary>
    public void Dispose() => _scratch.Dispose();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Parquet.Net creates it")]
    public sealed class BatchPrediction
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
