namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// One side's figures for one round (or the median of several). Each phase's wall time includes starting the process
/// that runs it, so <see cref="ChunkMs"/> + <see cref="FeatureMs"/> = <see cref="TotalMs"/> on both sides.
/// </summary>
internal sealed record SideResult
{
    /// <summary><c>pipeline</c> or <c>duckdb</c>.</summary>
    public required string Side { get; init; }

    public required double ChunkMs { get; init; }

    public required double FeatureMs { get; init; }

    public required double TotalMs { get; init; }

    /// <summary>Largest peak resident memory of the side's processes (the pipeline's two steps run one after the other).</summary>
    public required long PeakMemoryBytes { get; init; }

    /// <summary>Peak of the Chunker step alone (pipeline side only).</summary>
    public long? ChunkPeakMemoryBytes { get; init; }

    /// <summary>Peak of the FeatureCreator step alone (pipeline side only).</summary>
    public long? FeaturePeakMemoryBytes { get; init; }

    public long? ChunkRows { get; init; }

    public int? ChunkFiles { get; init; }

    public long? FeatureRows { get; init; }

    /// <summary>What ran the side, e.g. the DuckDB version and thread count.</summary>
    public string? Engine { get; init; }

    /// <summary>Side-specific timings in milliseconds, e.g. what each step measured inside itself.</summary>
    public IReadOnlyDictionary<string, double> DetailMs { get; init; } = new Dictionary<string, double>();
}
