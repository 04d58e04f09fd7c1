using System.Globalization;
using System.Text.Json;
using Pipeline.Benchmarks.DuckDb;

namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// The DuckDB side: this program's hidden <c>duckdb-side</c> command in a child process (default threads, in-memory
/// database). The feature phase is the child's own timing of the second COPY; the chunk phase is the rest of the
/// child's wall time (process start, database open, first COPY), like a step process whose time includes its start.
/// </summary>
internal static class DuckDbSide
{
    public static async Task<SideResult> RunAsync(string csvPath, string directory, CancellationToken cancellationToken)
    {
        IngestFiles.Recreate(directory);
        var (program, prefix) = SelfCommand();
        var result = await ChildProcessRunner.RunAsync(
            program, [.. prefix, DuckDbSideCommand.Name, "--csv", csvPath, "--out", directory], directory, cancellationToken);
        var lastLine = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (result.ExitCode != 0 || lastLine is null)
        {
            throw new SideFailedException(string.Create(CultureInfo.InvariantCulture,
                $"the DuckDB side failed with exit code {result.ExitCode}:{Environment.NewLine}    {result.Tail()}"));
        }

        var report = JsonSerializer.Deserialize(lastLine, DuckDbSideJsonContext.Default.DuckDbSideReport)
            ?? throw new SideFailedException($"the DuckDB side printed no report: {lastLine}");
        var total = result.Elapsed.TotalMilliseconds;
        return new SideResult
        {
            Side = "duckdb",
            ChunkMs = total - report.FeatureMs,
            FeatureMs = report.FeatureMs,
            TotalMs = total,
            PeakMemoryBytes = report.PeakMemoryBytes ?? 0,
            ChunkRows = report.ChunkRows,
            ChunkFiles = report.ChunkFiles,
            FeatureRows = report.FeatureRows,
            Engine = string.Create(CultureInfo.InvariantCulture, $"DuckDB {report.DuckDbVersion}, {report.Threads} threads"),
            DetailMs = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["open"] = report.OpenMs,
                ["copyChunks"] = report.ChunkMs,
                ["copyFeatures"] = report.FeatureMs,
            },
        };
    }

    // Under `dotnet run` this program is its apphost; under `dotnet Pipeline.Benchmarks.dll` it is the dotnet host.
    private static (string Program, string[] Prefix) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var isDotnetHost = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return isDotnetHost ? (processPath, [typeof(DuckDbSide).Assembly.Location]) : (processPath, []);
    }
}
