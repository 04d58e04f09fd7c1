namespace Pipeline.Benchmarks.Ingest;

/// <summary>Options of the <c>ingest</c> command.</summary>
internal sealed record IngestOptions
{
    /// <summary>Rows of the synthetic CSV (cached as <c>sensors-N.csv</c>, or <c>sensors-SHAPE-N.csv</c>, in the work folder).</summary>
    public required long Rows { get; init; }

    /// <summary>Holds the CSV cache, each side's outputs and <c>ingest-N.json</c>.</summary>
    public string WorkDirectory { get; init; } = Path.Combine(".work", "bench");

    /// <summary>Rounds; the sides run alternately and the medians are reported.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>The shapes of CSV to run on, one after the other (<c>--shape all</c>: every one).</summary>
    public IReadOnlyList<Generation.DataShape> Shapes { get; init; } = [Generation.DataShape.Regular];

    /// <summary>Keep the chunk and feature outputs of the last round instead of deleting them.</summary>
    public bool Keep { get; init; }
}
