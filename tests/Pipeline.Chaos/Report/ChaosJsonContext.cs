using System.Text.Json.Serialization;

namespace Pipeline.Chaos.Report;

/// <summary>Source-generated JSON for the --json report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChaosReport))]
internal sealed partial class ChaosJsonContext : JsonSerializerContext;
