using System.Text.Json.Serialization;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Assets;

/// <summary>Source-generated JSON for the asset's own files: camelCase, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AssetDescription))]
[JsonSerializable(typeof(Dictionary<string, ManifestPartition>))]
internal sealed partial class AssetJsonContext : JsonSerializerContext;
