using System.Text.Json.Serialization;

namespace Pipeline.Steps.Formats.Registry;

/// <summary>Source-generated JSON for the registry's files: camelCase, indented.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelVersion))]
[JsonSerializable(typeof(ProductionPointer))]
[JsonSerializable(typeof(List<ProductionPointer>))]
public sealed partial class RegistryJsonContext : JsonSerializerContext;
