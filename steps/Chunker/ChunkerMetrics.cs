using System.Text.Json.Serialization;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.Chunker;

/// <summary>The Chunker's manifest metrics. rowsRead = rowsWritten + rowsQuarantined + rowsDuplicate, always.</summary>
internal sealed record ChunkerMetrics
{
    public long RowsRead { get; init; }

    public long RowsWritten { get; init; }

    public long RowsQuarantined { get; init; }

    public long RowsDuplicate { get; init; }

    /// <summary>(quarantined + duplicate) / read; the step fails above --max-bad-share.</summary>
    public double BadShare { get; init; }

    public required IReadOnlyDictionary<string, long> QuarantineReasons { get; init; }

    public int Chunks { get; init; }

    public int Files { get; init; }

    public int Sensors { get; init; }

    public int Days { get; init; }

    public string? FirstDay { get; init; }

    public string? LastDay { get; init; }

    /// <summary>Chunks written early that more rows arrived for, so they were read back, merged and written again.</summary>
    public int ChunkRewrites { get; init; }

    /// <summary>Bytes of rows set aside on disk over the memory budget, for an input that keeps coming back to its days.</summary>
    public long SpilledBytes { get; init; }

    public required SchemaReport Schema { get; init; }

    public required IReadOnlyList<string> AlreadyProcessed { get; init; }

    public required IReadOnlyList<string> Skipped { get; init; }

    public required MemoryMetrics Memory { get; init; }

    /// <summary>With <c>--asset-dir</c>: what merging into the asset did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AssetWriteMetrics? Asset { get; init; }
}
