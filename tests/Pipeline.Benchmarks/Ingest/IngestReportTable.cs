using System.Globalization;

namespace Pipeline.Benchmarks.Ingest;

/// <summary>Prints an <see cref="IngestReport"/> as a fixed-width table.</summary>
internal static class IngestReportTable
{
    private const double MiB = 1024 * 1024;

    public static void Write(IngestReport report, TextWriter output)
    {
        var p = report.Pipeline;
        var d = report.DuckDb;
        var rounds = report.Rounds.Count == 1 ? "1 round" : $"median of {report.Rounds.Count} rounds";
        output.WriteLine();
        output.WriteLine(Invariant($"Ingest benchmark, shape {report.Shape} ({report.ShapeDescription}): {report.Rows:N0} rows, CSV {report.CsvBytes / MiB:F1} MiB, {rounds}, {report.ProcessorCount} cores, {report.Runtime}"));
        output.WriteLine(Invariant($"  {report.CsvPath}"));
        output.WriteLine();
        Row(output, "", "pipeline", "duckdb");
        Row(output, "chunk phase (s)", Seconds(p.ChunkMs), Seconds(d.ChunkMs));
        Row(output, "feature phase (s)", Seconds(p.FeatureMs), Seconds(d.FeatureMs));
        Row(output, "total (s)", Seconds(p.TotalMs), Seconds(d.TotalMs));
        Row(output, "peak memory (MiB)", Mebibytes(p.PeakMemoryBytes), Mebibytes(d.PeakMemoryBytes));
        Row(output, "  chunk step (MiB)", Mebibytes(p.ChunkPeakMemoryBytes), "(one process)");
        Row(output, "  feature step (MiB)", Mebibytes(p.FeaturePeakMemoryBytes), "");
        if (report.Startup is { } startup)
        {
            Row(output, "start-up (ms)", Invariant($"{startup.ChunkerMs:F0} + {startup.FeatureCreatorMs:F0}"), Invariant($"{startup.DuckDbMs:F0}"));
        }

        Row(output, "rows/s", Invariant($"{report.PipelineRowsPerSecond:N0}"), Invariant($"{report.DuckDbRowsPerSecond:N0}"));
        Row(output, "chunk files", Count(p.ChunkFiles), Count(d.ChunkFiles));
        Row(output, "chunk rows", Count(p.ChunkRows), Count(d.ChunkRows));
        Row(output, "feature rows", Count(p.FeatureRows), Count(d.FeatureRows));
        output.WriteLine();
        var verdict = report.WallTimeRatio <= 1.0 ? "meets" : "misses";
        output.WriteLine(Invariant($"wall-time ratio pipeline/duckdb: {report.WallTimeRatio:F2} ({verdict} the target <= 1.00)"));
        output.WriteLine(Invariant($"duckdb: {d.Engine}"));
        foreach (var warning in report.Warnings)
        {
            output.WriteLine($"warning: {warning}");
        }
    }

    /// <summary>One line per shape, as a Markdown table for the README: where the targets hold and where not.</summary>
    public static void WriteShapes(IReadOnlyList<IngestReport> reports, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| shape | sensor-days | pipeline: chunk + features | DuckDB | ratio | peak MiB: Chunker / FeatureCreator / DuckDB |");
        output.WriteLine("|---|---:|---|---:|---:|---|");
        foreach (var r in reports)
        {
            var (p, d) = (r.Pipeline, r.DuckDb);
            output.WriteLine(Invariant(
                $"| {r.Shape} | {Count(p.FeatureRows)} | {Seconds(p.TotalMs)} s ({Seconds(p.ChunkMs)} + {Seconds(p.FeatureMs)}) | {Seconds(d.TotalMs)} s | {r.WallTimeRatio:F2} | {Mebibytes(p.ChunkPeakMemoryBytes)} / {Mebibytes(p.FeaturePeakMemoryBytes)} / {Mebibytes(d.PeakMemoryBytes)} |"));
        }

        var missed = reports.Where(r => r.WallTimeRatio > 1.0).Select(r => r.Shape).ToList();
        var heavy = reports.Where(r => Math.Max(r.Pipeline.ChunkPeakMemoryBytes ?? 0, r.Pipeline.FeaturePeakMemoryBytes ?? 0) >= 300_000_000).Select(r => r.Shape).ToList();
        output.WriteLine();
        output.WriteLine($"ratio <= 1.00: {(missed.Count == 0 ? "every shape" : "missed on " + string.Join(", ", missed))}; "
            + $"every step under 300 MB: {(heavy.Count == 0 ? "every shape" : "missed on " + string.Join(", ", heavy))}");
    }

    private static void Row(TextWriter output, string label, string pipeline, string duckDb) =>
        output.WriteLine($"  {label,-22}{pipeline,14}{duckDb,16}");

    private static string Seconds(double milliseconds) => Invariant($"{milliseconds / 1000:F2}");

    private static string Mebibytes(long? bytes) => bytes is { } b ? Invariant($"{b / MiB:F0}") : "-";

    private static string Count(long? value) => value is { } v ? Invariant($"{v:N0}") : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
