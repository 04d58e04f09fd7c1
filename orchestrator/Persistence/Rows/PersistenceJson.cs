using System.Text.Json.Serialization;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>The JSON columns' types, serialised without reflection (and the same way every time, so rows compare).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StepSpec))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class PersistenceJson : JsonSerializerContext
{
}
