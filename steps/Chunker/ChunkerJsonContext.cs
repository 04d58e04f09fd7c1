using System.Text.Json.Serialization;

namespace Pipeline.Steps.Chunker;

/// <summary>Source-generated JSON for the Chunker's metrics and ledger.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ChunkerMetrics))]
[JsonSerializable(typeof(Dictionary<string, LedgerEntry>))]
internal sealed partial class ChunkerJsonContext : JsonSerializerContext;
