namespace Pipeline.Benchmarks.DuckDb;

/// <summary>The one JSON line the <c>duckdb-side</c> child prints: its phases as measured inside it, and its peak memory.</summary>
internal sealed record DuckDbSideReport
{
    /// <summary>Opening the in-memory database (loads the native library).</summary>
    public required double OpenMs { get; init; }

    /// <summary>CSV to day-partitioned Parquet.</summary>
    public required double ChunkMs { get; init; }

    /// <summary>Partitioned Parquet to per (sensor, day) features.</summary>
    public required double FeatureMs { get; init; }

    /// <summary>VmHWM of the child at the end; null where /proc is missing.</summary>
    public long? PeakMemoryBytes { get; init; }

    public long? ChunkRows { get; init; }

    public int ChunkFiles { get; init; }

    public long? FeatureRows { get; init; }

    public int Threads { get; init; }

    public string? DuckDbVersion { get; init; }
}
