namespace Pipeline.Benchmarks.Ingest;

/// <summary>One pipeline run and one DuckDB run on the same CSV.</summary>
internal sealed record IngestRound(int Round, SideResult Pipeline, SideResult DuckDb);
