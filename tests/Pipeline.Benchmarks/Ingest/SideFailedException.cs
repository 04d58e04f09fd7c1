namespace Pipeline.Benchmarks.Ingest;

/// <summary>One side of the benchmark could not finish: a step or the DuckDB child failed, or left no manifest.</summary>
internal sealed class SideFailedException(string message) : Exception(message);
