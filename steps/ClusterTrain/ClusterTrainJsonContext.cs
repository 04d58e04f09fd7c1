using System.Text.Json.Serialization;

namespace Pipeline.Steps.ClusterTrain;

/// <summary>Source-generated JSON for ClusterTrain's metrics.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ClusterTrainMetrics))]
internal sealed partial class ClusterTrainJsonContext : JsonSerializerContext;
