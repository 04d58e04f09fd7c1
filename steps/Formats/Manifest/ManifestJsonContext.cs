using System.Text.Json.Serialization;

namespace Pipeline.Steps.Formats.Manifest;

/// <summary>Source-generated JSON for the manifest: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(StepManifest))]
[JsonSerializable(typeof(MemoryMetrics))]
public sealed partial class ManifestJsonContext : JsonSerializerContext;
