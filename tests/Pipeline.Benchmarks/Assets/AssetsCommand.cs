using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Generation;
using Pipeline.Benchmarks.Ingest;

namespace Pipeline.Benchmarks.Assets;

/// <summary>
/// <c>assets</c>: incremental ingest into partitioned assets. A history (3 years of 1,000 sensors, hourly, by
/// default) is ingested once by the Chunker and the FeatureCreator with <c>--asset-dir</c>; then one new day; then
/// late rows for 3 old days spread over the history. Reports each wall time, the incremental ones as a share of the full ingest, and the
/// partitions each run created or replaced (from the steps' manifests), which must be exactly the days touched.
/// </summary>
internal static class AssetsCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var sensors = arguments.Int32("sensors", 1) ?? 1000;
        var days = arguments.Int32("days", 10) ?? 1096;
        var interval = TimeSpan.FromMinutes(arguments.Int32("interval-minutes", 1) ?? 60);
        var work = Path.GetFullPath(arguments.String("work-dir") ?? Path.Combine(".work", "bench"));
        var keep = arguments.Flag("keep");
        var native = PipelineSide.NativeBuild(arguments);
        arguments.EnsureAllUsed();
        if (days < 30)
        {
            throw new UsageException("--days must be at least 30");
        }

        // Three old days spread over the history (days 109, 548 and 986 of the default 1,096).
        int[] lateDays = [days / 10, days / 2, days * 9 / 10];
        var folder = Path.Combine(work, Invariant($"assets-{sensors}x{days}"));
        IngestFiles.Recreate(folder);
        var start = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var perDay = sensors * (long)(TimeSpan.FromDays(1) / interval);
        output.WriteLine(Invariant($"generating {days} days x {sensors} sensors ({perDay * days:N0} rows), one new day and 3 late days ..."));
        var history = Generate(folder, "history.csv", new GenerateOptions { Rows = perDay * days, Sensors = sensors, Interval = interval, Start = start }, cancellationToken);
        var newDay = Generate(folder, "new-day.csv", new GenerateOptions { Rows = perDay, Sensors = sensors, Interval = interval, Start = start.AddDays(days), Seed = 7 }, cancellationToken);
        // Half an interval later than the history's readings, so every late row is new (not a duplicate the asset already holds).
        var late = lateDays.Select(d => Generate(folder, Invariant($"late-{d}.csv"),
            new GenerateOptions { Rows = perDay, Sensors = sensors, Interval = interval, Start = start.AddDays(d) + (interval / 2), Seed = (ulong)d }, cancellationToken)).ToList();

        output.WriteLine($"building steps/Chunker and steps/FeatureCreator (Release{(native ? ", native" : "")}) ...");
        var root = RepositoryRoot.Find();
        var chunker = await StepProgramBuilder.BuildAsync(root, PipelineSide.ChunkerProject, cancellationToken, native);
        var featureCreator = await StepProgramBuilder.BuildAsync(root, PipelineSide.FeatureCreatorProject, cancellationToken, native);
        var run = new AssetRun(chunker, featureCreator, folder);

        var full = await run.IngestAsync("full", [history], output, cancellationToken);
        var incremental = await run.IngestAsync("new-day", [newDay], output, cancellationToken);
        var lateRun = await run.IngestAsync("late", late, output, cancellationToken);

        output.WriteLine();
        output.WriteLine("| run | chunker s | features s | total s | share of full | readings partitions written | features partitions written |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var result in new[] { full, incremental, lateRun })
        {
            output.WriteLine(Invariant(
                $"| {result.Name} | {result.ChunkerSeconds:F2} | {result.FeaturesSeconds:F2} | {result.TotalSeconds:F2} | {result.TotalSeconds / full.TotalSeconds:P1} | {result.ReadingsWritten} | {result.FeaturesWritten} |"));
        }

        var lateExact = lateRun.ReadingsWritten == lateDays.Length && lateRun.FeaturesWritten == lateDays.Length;
        output.WriteLine(Invariant($"new day: {incremental.TotalSeconds / full.TotalSeconds:P1} of the full ingest (target at most 5 %); late data for 3 days rewrote {lateRun.FeaturesWritten} features partitions ({(lateExact ? "exactly those days" : "NOT exactly those days")})"));
        if (!keep)
        {
            IngestFiles.Delete(folder);
        }

        return lateExact && incremental.ReadingsWritten == 1 && incremental.FeaturesWritten == 1 ? ExitCodes.Success : ExitCodes.Software;
    }

    private static string Generate(string folder, string name, GenerateOptions options, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, name);
        SensorCsvGenerator.WriteFile(options, path, cancellationToken);
        return path;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The two steps over the same two asset folders, run after run.</summary>
    private sealed class AssetRun(StepProgram chunker, StepProgram featureCreator, string folder)
    {
        private string Readings => Path.Combine(folder, "assets", "readings");

        private string Features => Path.Combine(folder, "assets", "features");

        public async Task<AssetRunResult> IngestAsync(string name, IReadOnlyList<string> inputs, TextWriter output, CancellationToken cancellationToken)
        {
            output.Write($"{name} ... ");
            var chunks = Path.Combine(folder, "runs", name, "chunk");
            var features = Path.Combine(folder, "runs", name, "features");
            var chunkWall = await RunAsync(chunker, ["--input", string.Join(',', inputs), "--output", chunks, "--asset-dir", Readings, "--sensors-per-chunk", "0", "--quiet"], cancellationToken);
            var featureWall = await RunAsync(featureCreator, ["--input", Readings, "--output", features, "--asset-dir", Features, "--quiet"], cancellationToken);
            var result = new AssetRunResult(name, chunkWall.TotalSeconds, featureWall.TotalSeconds, Written(chunks), Written(features));
            output.WriteLine(Invariant($"{result.TotalSeconds:F2} s"));
            return result;
        }

        private async Task<TimeSpan> RunAsync(StepProgram step, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        {
            var result = await step.RunAsync(arguments, folder, cancellationToken);
            return result.ExitCode == 0
                ? result.Elapsed
                : throw new SideFailedException($"{step.Name} failed with exit code {result.ExitCode}:{Environment.NewLine}    {result.Tail()}");
        }

        /// <summary>Partitions the run created or replaced, from its manifest.</summary>
        private static int Written(string output)
        {
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "_manifest.json")))!;
            return manifest["assets"]!.AsArray()
                .SelectMany(a => a!["partitions"]!.AsArray())
                .Count(p => p!["change"]!.GetValue<string>() is "created" or "replaced");
        }
    }

    private sealed record AssetRunResult(string Name, double ChunkerSeconds, double FeaturesSeconds, int ReadingsWritten, int FeaturesWritten)
    {
        public double TotalSeconds => ChunkerSeconds + FeaturesSeconds;
    }
}
