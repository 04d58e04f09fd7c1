using System.Text.Json.Serialization;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.Formats.Manifest;

/// <summary>Source-generated JSON for the manifest: camelCase, indented, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(StepManifest))]
[JsonSerializable(typeof(MemoryMetrics))]
[JsonSerializable(typeof(DataShape))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, DataShape>))]
[JsonSerializable(typeof(ModelUsed))]
[JsonSerializable(typeof(ClusterShare))]
[JsonSerializable(typeof(FeatureStat))]
[JsonSerializable(typeof(DriftResult))]
[JsonSerializable(typeof(Dictionary<string, ManifestPartition>))]
public sealed partial class ManifestJsonContext : JsonSerializerContext;
