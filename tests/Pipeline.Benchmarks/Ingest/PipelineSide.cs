using System.Globalization;

namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// The pipeline side: the Chunker, then the FeatureCreator, each as its own process (native, or <c>dotnet step.dll</c>). Wall times
/// are taken from start to exit of each process; peak memory from each step's manifest (its VmHWM at the end).
/// </summary>
internal sealed class PipelineSide(StepProgram chunker, StepProgram featureCreator)
{
    public const string ChunkerProject = "steps/Chunker/Pipeline.Steps.Chunker.csproj";
    public const string FeatureCreatorProject = "steps/FeatureCreator/Pipeline.Steps.FeatureCreator.csproj";

    public static async Task<PipelineSide> BuildAsync(string repositoryRoot, bool native, CancellationToken cancellationToken) =>
        new(await StepProgramBuilder.BuildAsync(repositoryRoot, ChunkerProject, cancellationToken, native),
            await StepProgramBuilder.BuildAsync(repositoryRoot, FeatureCreatorProject, cancellationToken, native));

    /// <summary>Reads <c>--build native|dll</c>: the native programs (the default, what the server runs) or the .dll.</summary>
    public static bool NativeBuild(Cli.CommandArguments arguments) => arguments.String("build") switch
    {
        null or "native" => true,
        "dll" => false,
        var other => throw new Cli.UsageException($"--build must be native or dll, not '{other}'"),
    };

    /// <summary>Runs both steps into <paramref name="directory"/>, which is emptied first (state folder included).</summary>
    public async Task<SideResult> RunAsync(string csvPath, string directory, CancellationToken cancellationToken)
    {
        IngestFiles.Recreate(directory);
        var chunks = Path.Combine(directory, "chunks");
        var features = Path.Combine(directory, "features");

        var (chunkWall, chunkManifest) = await RunStepAsync(chunker, directory, chunks,
            ["--input", csvPath, "--output", chunks,
             "--sensors-per-chunk", "0", "--days-per-chunk", "1", "--quiet"],
            cancellationToken);
        var (featureWall, featureManifest) = await RunStepAsync(featureCreator, directory, features,
            ["--input", chunks, "--output", features, "--quiet"],
            cancellationToken);

        var detail = new Dictionary<string, double>(StringComparer.Ordinal);
        AddDetail(detail, "chunker", chunkManifest.TimingsMs);
        AddDetail(detail, "featureCreator", featureManifest.TimingsMs);
        return new SideResult
        {
            Side = "pipeline",
            ChunkMs = chunkWall.TotalMilliseconds,
            FeatureMs = featureWall.TotalMilliseconds,
            TotalMs = chunkWall.TotalMilliseconds + featureWall.TotalMilliseconds,
            PeakMemoryBytes = Math.Max(chunkManifest.PeakWorkingSetBytes ?? 0, featureManifest.PeakWorkingSetBytes ?? 0),
            ChunkPeakMemoryBytes = chunkManifest.PeakWorkingSetBytes,
            FeaturePeakMemoryBytes = featureManifest.PeakWorkingSetBytes,
            ChunkRows = chunkManifest.OutputRows,
            ChunkFiles = chunkManifest.OutputFiles,
            FeatureRows = featureManifest.OutputRows,
            DetailMs = detail,
        };
    }

    private static async Task<(TimeSpan Wall, StepManifestSummary Manifest)> RunStepAsync(
        StepProgram step, string workingDirectory, string output, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await step.RunAsync(arguments, workingDirectory, cancellationToken);
        if (result.ExitCode != 0)
        {
            var recorded = StepManifestReader.ReadFailure(output);
            throw new SideFailedException(string.Create(CultureInfo.InvariantCulture,
                $"{step.Name} failed with exit code {result.ExitCode} ({DescribeExitCode(result.ExitCode)}) after {result.Elapsed.TotalSeconds:F1} s"
                + $"{(recorded is null ? "" : $"; _failure.json says: {recorded}")}{Environment.NewLine}"
                + $"  command: {step.CommandLine(arguments)}{Environment.NewLine}"
                + $"  output:{Environment.NewLine}    {result.Tail()}"));
        }

        return (result.Elapsed, await StepManifestReader.ReadAsync(output, step.Name, cancellationToken));
    }

    private static void AddDetail(Dictionary<string, double> detail, string prefix, IReadOnlyDictionary<string, double> timings)
    {
        foreach (var (phase, milliseconds) in timings)
        {
            detail[prefix + "." + phase] = milliseconds;
        }
    }

    // The step contract's exit codes (steps/Formats/StepExitCodes.cs), repeated here because the benchmark
    // deliberately has no reference to the step projects.
    private static string DescribeExitCode(int exitCode) => exitCode switch
    {
        64 => "usage: an option the step does not accept; see its --help",
        65 => "data error in the input",
        66 => "input not found",
        70 => "internal error in the step",
        75 => "temporary failure (I/O, out of memory, cancelled)",
        78 => "inconsistent configuration",
        > 128 => $"killed by signal {exitCode - 128}",
        _ => "unexpected exit code",
    };
}
