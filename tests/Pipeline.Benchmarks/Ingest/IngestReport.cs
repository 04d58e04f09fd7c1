namespace Pipeline.Benchmarks.Ingest;

/// <summary>What <c>ingest</c> prints and writes to <c>ingest-N.json</c>; side figures are medians over the rounds.</summary>
internal sealed record IngestReport
{
    public required long Rows { get; init; }

    /// <summary>The CSV's shape (<c>--shape</c>) and what it holds.</summary>
    public string Shape { get; init; } = "regular";

    public string ShapeDescription { get; init; } = "";

    public required string CsvPath { get; init; }

    public required long CsvBytes { get; init; }

    public required DateTimeOffset MeasuredAt { get; init; }

    public required int ProcessorCount { get; init; }

    public required string Runtime { get; init; }

    public required SideResult Pipeline { get; init; }

    public required SideResult DuckDb { get; init; }

    /// <summary>Pipeline total wall time over DuckDB total wall time; the target is at most 1.0.</summary>
    public required double WallTimeRatio { get; init; }

    public required double PipelineRowsPerSecond { get; init; }

    public required double DuckDbRowsPerSecond { get; init; }

    public required IReadOnlyList<IngestRound> Rounds { get; init; }

    /// <summary>Each step's start-up on its own (a 10-row input), measured once per command.</summary>
    public StartupTimes? Startup { get; init; }

    /// <summary>Disagreements between the sides (row counts), which make the timings suspect.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
