using System.Text.Json.Serialization;

namespace Pipeline.Benchmarks.DuckDb;

/// <summary>Compact JSON for the child's report: it must fit on one line of stdout.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DuckDbSideReport))]
internal sealed partial class DuckDbSideJsonContext : JsonSerializerContext;
