using System.Text.Json.Serialization;
using Pipeline.Steps.FeatureCreator.Drift;
using Pipeline.Steps.FeatureCreator.Features;

namespace Pipeline.Steps.FeatureCreator;

/// <summary>Source-generated JSON for the feature history and the drift metrics; nulls are kept, they carry meaning.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(FeatureHistory))]
[JsonSerializable(typeof(DriftResult))]
[JsonSerializable(typeof(FeatureStat))]
internal sealed partial class FeatureCreatorJsonContext : JsonSerializerContext;
