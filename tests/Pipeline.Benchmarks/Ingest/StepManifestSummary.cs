namespace Pipeline.Benchmarks.Ingest;

/// <summary>What the benchmark takes from a step's <c>_manifest.json</c>.</summary>
internal sealed record StepManifestSummary(
    long? PeakWorkingSetBytes, long OutputRows, int OutputFiles, IReadOnlyDictionary<string, double> TimingsMs);
