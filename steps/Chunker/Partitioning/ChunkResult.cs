namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>What writing one chunk produced: rows written, duplicates dropped, and the days it covered.</summary>
internal sealed record ChunkResult(long RowsWritten, IReadOnlyList<DuplicateRow> Duplicates, IReadOnlyList<int> Days, int Files);

/// <summary>A row dropped because an earlier row had the same sensor and timestamp.</summary>
internal sealed record DuplicateRow(long Order, long FirstOrder, string Sensor, long UtcTicks);
