using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Clustering;
using Pipeline.Benchmarks.Ingest;
using Pipeline.Benchmarks.Orchestration;
using Pipeline.Steps.Features;

namespace Pipeline.Benchmarks.Predictions;

/// <summary>
/// <c>predict [--requests 2000] [--batch 1000] [--batches 50]</c>: trains a model with the real ClusterTrain on
/// synthetic features, starts the workflow server on loopback with that registry, and measures
/// <c>POST /api/models/{name}/predict</c> over HTTP with an API key: the latency of single-row requests one after
/// another (p50, p99; target p99 under 10 ms) and the rows per second of batch requests (target 20,000 or more).
/// </summary>
internal static class PredictCommand
{
    private const string Model = "bench";

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var requests = arguments.Int32("requests", 1) ?? 2000;
        var batch = arguments.Int32("batch", 1) ?? 1000;
        var batches = arguments.Int32("batches", 1) ?? 50;
        var work = Path.GetFullPath(arguments.String("work-dir") ?? Path.Combine(".work", "bench"));
        arguments.EnsureAllUsed();

        var (registry, rows) = await TrainAsync(work, batch, cancellationToken);
        await using var server = await KeyedServer.StartAsync(
            Path.Combine(work, "predict-server"), new Dictionary<string, string?> { ["Models:Registries:" + Model] = registry }, cancellationToken);
        var http = server.Http;
        for (var i = 0; i < 200; i++)
        {
            await PostAsync(http, rows.Skip(i % rows.Count).Take(1).ToArray(), cancellationToken);
        }

        var latencies = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            await PostAsync(http, [rows[i % rows.Count]], cancellationToken);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        var batchWatch = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++)
        {
            await PostAsync(http, rows, cancellationToken);
        }

        var rowsPerSecond = (double)batches * rows.Count / batchWatch.Elapsed.TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            Online prediction over HTTP (loopback, API key, {Environment.ProcessorCount} cores), model: k-means of 4 features
              single-row requests   {requests,8:N0}   p50 {Percentiles.Of(latencies, 50),6:F2} ms   p99 {Percentiles.Of(latencies, 99),6:F2} ms   (target p99 < 10 ms)
              batches of {rows.Count,5:N0} rows  {batches,5:N0}   {rowsPerSecond,12:N0} rows/s                 (target >= 20,000)
            """));

        return ExitCodes.Success;
    }

    /// <summary>A registry with one model the real ClusterTrain trained, and feature rows to score as JSON.</summary>
    private static async Task<(string Registry, List<JsonObject> Rows)> TrainAsync(string work, int batch, CancellationToken cancellationToken)
    {
        const long FeatureRows = 100_000;
        var root = RepositoryRoot.Find();
        var train = await StepProgramBuilder.BuildAsync(root, "steps/ClusterTrain/Pipeline.Steps.ClusterTrain.csproj", cancellationToken);
        var features = Path.Combine(work, $"features-{FeatureRows}.parquet");
        if (!File.Exists(features))
        {
            await ClusteringCommand.WriteFeaturesAsync(features, FeatureRows, cancellationToken);
        }

        var folder = Path.Combine(work, "predict-model");
        IngestFiles.Recreate(folder);
        var registry = Path.Combine(folder, "registry");
        var result = await train.RunAsync(
            ["--input", features, "--registry", registry, "--output", Path.Combine(folder, "train"), "--k", "4", "--quiet"], folder, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new SideFailedException($"ClusterTrain failed with exit code {result.ExitCode}: {result.Tail()}");
        }

        var table = await FeatureTableReader.ReadAsync(features, null, cancellationToken);
        var rows = table.CompleteRows().Take(batch)
            .Select(r => new JsonObject([.. table.Features.Select((f, i) => KeyValuePair.Create(f, (JsonNode?)table.Columns[i][r]))]))
            .ToList();
        return (registry, rows);
    }

    private static async Task PostAsync(HttpClient http, IReadOnlyList<JsonObject> rows, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)r.DeepClone())]) };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"/api/models/{Model}/predict", UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SideFailedException($"predict answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
