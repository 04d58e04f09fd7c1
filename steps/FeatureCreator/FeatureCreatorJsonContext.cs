using System.Text.Json.Serialization;
using Pipeline.Steps.FeatureCreator.Drift;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.FeatureCreator;

/// <summary>Source-generated JSON for the feature history and the drift metrics; nulls are kept, they carry meaning.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(FeatureHistory))]
[JsonSerializable(typeof(DriftResult))]
[JsonSerializable(typeof(FeatureStat))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, FeatureStat>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, DriftResult>))]
[JsonSerializable(typeof(Dictionary<string, DriftResult>))]
[JsonSerializable(typeof(Dictionary<string, FeatureStat>))]
[JsonSerializable(typeof(Dictionary<string, FeatureRun>))]
internal sealed partial class FeatureCreatorJsonContext : JsonSerializerContext;
