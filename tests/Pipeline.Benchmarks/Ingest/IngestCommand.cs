using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Generation;

namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// <c>ingest --rows N [--shape S|all] [--work-dir] [--repeat K] [--keep]</c>: both sides on one CSV of each shape, a
/// table per shape (and one over all of them) and a JSON file.
/// </summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var defaults = new IngestOptions { Rows = 0 };
        var options = new IngestOptions
        {
            Rows = arguments.Int64("rows", 1) ?? throw new UsageException("--rows is required"),
            WorkDirectory = Path.GetFullPath(arguments.String("work-dir") ?? defaults.WorkDirectory),
            Repeat = arguments.Int32("repeat", 1) ?? defaults.Repeat,
            Keep = arguments.Flag("keep"),
            Shapes = arguments.String("shape") is { } named && named != "all"
                ? [GenerateCommand.ReadShape(named)]
                : arguments.String("shape") is null ? defaults.Shapes : DataShapes.All,
        };
        var native = PipelineSide.NativeBuild(arguments);
        arguments.EnsureAllUsed();

        output.WriteLine($"building steps/Chunker and steps/FeatureCreator (Release{(native ? ", native" : "")}) ...");
        var pipeline = await PipelineSide.BuildAsync(RepositoryRoot.Find(), native, cancellationToken);
        var startup = await StartupProbe.MeasureAsync(pipeline, options.WorkDirectory, output, cancellationToken);
        var reports = new List<IngestReport>();
        foreach (var shape in options.Shapes)
        {
            var report = await RunShapeAsync(options, DataShapes.Options(shape, options.Rows), pipeline, output, cancellationToken) with { Startup = startup };
            IngestReportTable.Write(report, output);
            reports.Add(report);
        }

        var name = options.Shapes.Count == 1 ? ShapeFileName(options.Shapes[0], options.Rows) : Invariant($"ingest-all-{options.Rows}.json");
        var jsonPath = Path.Combine(options.WorkDirectory, name);
        if (reports.Count > 1)
        {
            IngestReportTable.WriteShapes(reports, output);
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(reports, BenchmarkJsonContext.Default.IReadOnlyListIngestReport), cancellationToken);
        }
        else
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(reports[0], BenchmarkJsonContext.Default.IngestReport), cancellationToken);
        }

        output.WriteLine($"results: {jsonPath}");
        return ExitCodes.Success;
    }

    private static string ShapeFileName(DataShape shape, long rows) =>
        shape == DataShape.Regular ? Invariant($"ingest-{rows}.json") : Invariant($"ingest-{DataShapes.Name(shape)}-{rows}.json");

    private static async Task<IngestReport> RunShapeAsync(
        IngestOptions options, GenerateOptions shape, PipelineSide pipeline, TextWriter output, CancellationToken cancellationToken)
    {
        var name = DataShapes.Name(shape.Shape);
        output.WriteLine($"== shape {name}: {DataShapes.Describe(shape)}");
        var csv = CsvCache.Ensure(options.WorkDirectory, shape, output, cancellationToken);
        var pipelineDirectory = Path.Combine(options.WorkDirectory, Invariant($"pipeline-{options.Rows}"));
        var duckDbDirectory = Path.Combine(options.WorkDirectory, Invariant($"duckdb-{options.Rows}"));

        var rounds = new List<IngestRound>();
        for (var round = 1; round <= options.Repeat; round++)
        {
            // Alternate which side goes first, so neither always gets the warmer page cache.
            SideResult? p = null, d = null;
            foreach (var side in round % 2 == 1 ? new[] { "pipeline", "duckdb" } : ["duckdb", "pipeline"])
            {
                output.Write(Invariant($"round {round}/{options.Repeat}: {side} ... "));
                var result = side == "pipeline"
                    ? p = await pipeline.RunAsync(csv, pipelineDirectory, cancellationToken)
                    : d = await DuckDbSide.RunAsync(csv, duckDbDirectory, cancellationToken);
                output.WriteLine(Invariant($"{result.TotalMs / 1000:F2} s"));
            }

            rounds.Add(new IngestRound(round, p!, d!));
        }

        if (!options.Keep)
        {
            IngestFiles.Delete(pipelineDirectory);
            IngestFiles.Delete(duckDbDirectory);
        }

        return BuildReport(options, csv, rounds) with { Shape = name, ShapeDescription = DataShapes.Describe(shape) };
    }

    private static IngestReport BuildReport(IngestOptions options, string csv, IReadOnlyList<IngestRound> rounds)
    {
        var pipeline = SideMedian.Of([.. rounds.Select(r => r.Pipeline)]);
        var duckDb = SideMedian.Of([.. rounds.Select(r => r.DuckDb)]);
        return new IngestReport
        {
            Rows = options.Rows,
            CsvPath = csv,
            CsvBytes = IngestFiles.Size(csv),
            MeasuredAt = TimeProvider.System.GetUtcNow(),
            ProcessorCount = Environment.ProcessorCount,
            Runtime = RuntimeInformation.FrameworkDescription,
            Pipeline = pipeline,
            DuckDb = duckDb,
            WallTimeRatio = pipeline.TotalMs / duckDb.TotalMs,
            PipelineRowsPerSecond = options.Rows / (pipeline.TotalMs / 1000),
            DuckDbRowsPerSecond = options.Rows / (duckDb.TotalMs / 1000),
            Rounds = rounds,
            Warnings = Disagreements(options.Rows, pipeline, duckDb),
        };
    }

    // The sides must do the same work for the timings to compare: every row chunked, the same (sensor, day) groups.
    private static List<string> Disagreements(long rows, SideResult pipeline, SideResult duckDb)
    {
        var warnings = new List<string>();
        foreach (var side in new[] { pipeline, duckDb })
        {
            if (side.ChunkRows is { } chunked && chunked != rows)
            {
                warnings.Add(Invariant($"{side.Side} chunked {chunked:N0} rows of {rows:N0}"));
            }
        }

        if (pipeline.FeatureRows is { } a && duckDb.FeatureRows is { } b && a != b)
        {
            warnings.Add(Invariant($"feature rows differ: pipeline {a:N0}, duckdb {b:N0}"));
        }

        if (pipeline.ChunkFiles is { } f && duckDb.ChunkFiles is { } g && f != g)
        {
            warnings.Add(Invariant($"chunk files differ: pipeline {f:N0}, duckdb {g:N0} (not day-partitioned alike?)"));
        }

        return warnings;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
