namespace Pipeline.Steps.Chunker;

/// <summary>When and as what an input was first processed.</summary>
internal sealed record LedgerEntry(string Path, long Bytes, DateTimeOffset FirstProcessedAt, string Output);
