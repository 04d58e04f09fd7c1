using System.Text.Json.Serialization;
using Pipeline.Benchmarks.Ingest;

namespace Pipeline.Benchmarks;

/// <summary>Source-generated JSON for the benchmark's report (<c>ingest-N.json</c>, and <c>ingest-all-N.json</c> over every shape).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IngestReport))]
[JsonSerializable(typeof(IReadOnlyList<IngestReport>))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
