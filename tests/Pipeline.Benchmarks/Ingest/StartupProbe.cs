using System.Globalization;

namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// Each step's start-up on its own: both sides on a 10-row CSV, <see cref="Runs"/> times, medians. What a step costs
/// before any real work (runtime, options, logging, the first run of each code path) weighs most at small inputs,
/// where the 1 M-row ratio is decided.
/// </summary>
internal static class StartupProbe
{
    public const int Runs = 5;

    public static async Task<StartupTimes> MeasureAsync(PipelineSide pipeline, string workDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var csv = CsvCache.Ensure(workDirectory, 10, output, cancellationToken);
        var (pipelineDirectory, duckDbDirectory) = (Path.Combine(workDirectory, "startup-pipeline"), Path.Combine(workDirectory, "startup-duckdb"));
        var (pipelineRuns, duckDbRuns) = (new List<SideResult>(), new List<SideResult>());
        for (var i = 0; i < Runs; i++)
        {
            pipelineRuns.Add(await pipeline.RunAsync(csv, pipelineDirectory, cancellationToken));
            duckDbRuns.Add(await DuckDbSide.RunAsync(csv, duckDbDirectory, cancellationToken));
        }

        IngestFiles.Delete(pipelineDirectory);
        IngestFiles.Delete(duckDbDirectory);
        var times = new StartupTimes(
            SideMedian.Median(pipelineRuns.Select(r => r.ChunkMs)),
            SideMedian.Median(pipelineRuns.Select(r => r.FeatureMs)),
            SideMedian.Median(duckDbRuns.Select(r => r.TotalMs)));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start-up on a 10-row CSV (median of {Runs}): Chunker {times.ChunkerMs:F0} ms, FeatureCreator {times.FeatureCreatorMs:F0} ms; DuckDB side {times.DuckDbMs:F0} ms (its process, database and both COPYs)"));
        return times;
    }
}

/// <summary>Median wall times of each step (and of the whole DuckDB side) on a 10-row input.</summary>
internal sealed record StartupTimes(double ChunkerMs, double FeatureCreatorMs, double DuckDbMs);
