using System.Text.Json.Serialization;
using Pipeline.Benchmarks.Ingest;

namespace Pipeline.Benchmarks;

/// <summary>Source-generated JSON for the benchmark's report (<c>ingest-N.json</c>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IngestReport))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
