using System.Text.Json.Serialization;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>Source-generated JSON for ClusterPredict's metrics.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ClusterPredictMetrics))]
internal sealed partial class ClusterPredictJsonContext : JsonSerializerContext;
