using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Ingest;

namespace Pipeline.Benchmarks.Clustering;

/// <summary>
/// <c>clustering --rows N [--k 4] [--repeat 3]</c>: writes a feature table of N sensor-days (four blobs in four
/// features, with DuckDB), then times ClusterTrain and ClusterPredict on it as child processes, and reports the
/// training time (process and fit) and the prediction rows per second. PostgreSQL loading is `pg-load`.
/// </summary>
internal static class ClusteringCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = arguments.Int64("rows", 1000) ?? 1_000_000;
        var k = arguments.Int32("k", 2) ?? 4;
        var repeat = arguments.Int32("repeat", 1) ?? 3;
        var work = Path.GetFullPath(arguments.String("work-dir") ?? Path.Combine(".work", "bench"));
        arguments.EnsureAllUsed();

        var root = RepositoryRoot.Find();
        var train = await StepProgramBuilder.BuildAsync(root, "steps/ClusterTrain/Pipeline.Steps.ClusterTrain.csproj", cancellationToken);
        var predict = await StepProgramBuilder.BuildAsync(root, "steps/ClusterPredict/Pipeline.Steps.ClusterPredict.csproj", cancellationToken);
        var features = Path.Combine(work, $"features-{rows}.parquet");
        if (!File.Exists(features))
        {
            await WriteFeaturesAsync(features, rows, cancellationToken);
        }

        var trainWalls = new List<double>();
        var fits = new List<double>();
        var predictWalls = new List<double>();
        for (var round = 1; round <= repeat; round++)
        {
            var folder = Path.Combine(work, "clustering");
            IngestFiles.Recreate(folder);
            var registry = Path.Combine(folder, "registry");
            var (trainWall, trainMetrics) = await RunStepAsync(train, folder, "train",
                ["--input", features, "--registry", registry, "--k", k.ToString(CultureInfo.InvariantCulture), "--quiet"], cancellationToken);
            var (predictWall, _) = await RunStepAsync(predict, folder, "predict", ["--input", features, "--registry", registry, "--quiet"], cancellationToken);
            var fit = trainMetrics["candidates"]![0]!["fitMs"]!.GetValue<double>();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"round {round}/{repeat}: train {trainWall / 1000:F2} s (fit {fit / 1000:F2} s), predict {predictWall / 1000:F2} s"));
            trainWalls.Add(trainWall);
            fits.Add(fit);
            predictWalls.Add(predictWall);
        }

        var predictMedian = Median(predictWalls);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""

            Clustering benchmark: {rows:N0} feature rows x 4 features, k = {k}, median of {repeat}, {Environment.ProcessorCount} cores
              ClusterTrain process   {Median(trainWalls) / 1000,8:F2} s   (target < 5 s)
              of which KMeans fit    {Median(fits) / 1000,8:F2} s   (one KMeans++ run, ML.NET, 1 thread)
              ClusterPredict process {predictMedian / 1000,8:F2} s   {rows / (predictMedian / 1000),12:N0} rows/s (Parquet only)
            """));
        return ExitCodes.Success;
    }

    private static async Task<(double WallMs, JsonObject Metrics)> RunStepAsync(StepProgram step, string folder, string name, string[] arguments, CancellationToken cancellationToken)
    {
        var output = Path.Combine(folder, name);
        var watch = Stopwatch.StartNew();
        var result = await step.RunAsync(["--output", output, .. arguments], folder, cancellationToken);
        var wall = watch.Elapsed.TotalMilliseconds;
        if (result.ExitCode != 0)
        {
            throw new SideFailedException($"{step.Name} failed with exit code {result.ExitCode}: {StepManifestReader.ReadFailure(output)}{Environment.NewLine}    {result.Tail()}");
        }

        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, StepManifestReader.ManifestFileName), cancellationToken))!;
        return (wall, manifest["metrics"]!.AsObject());
    }

    // Four blobs a few standard deviations apart in four features, like a season of sensor-days; setseed makes it repeatable.
    internal static async Task WriteFeaturesAsync(string path, long rows, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var temporary = path + ".tmp";
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            SELECT setseed(0.42);
            COPY (
                SELECT 'sensor-' || (i % 1000) AS sensor_id, DATE '2020-01-01' + CAST(i // 1000 AS INTEGER) AS day,
                       (i % 4) * 5 + sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS temperature_mean,
                       1 + (i % 2) + 0.3 * random() AS temperature_std,
                       50 + ((i // 2) % 2) * 20 + 4 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS humidity_mean,
                       3 + 0.5 * random() AS humidity_std
                FROM range({rows}) t(i)
            ) TO '{temporary}' (FORMAT PARQUET);
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
