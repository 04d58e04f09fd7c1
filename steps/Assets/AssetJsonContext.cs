using System.Text.Json.Serialization;

namespace Pipeline.Steps.Assets;

/// <summary>Source-generated JSON for the asset's own files: camelCase, indented.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(AssetDescription))]
internal sealed partial class AssetJsonContext : JsonSerializerContext;
