using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Serialization;

namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>What differs between two definitions of one step, property by property, as the definition's JSON names them.</summary>
public static class StepDefinitionChanges
{
    /// <summary>
    /// The properties that differ (<c>args</c>, <c>dependsOn</c>, <c>image</c>...), in order; empty when the step
    /// runs the same. The display name is left out: it changes nothing a step writes.
    /// </summary>
    public static IReadOnlyList<string> Between(StepDefinition before, StepDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = AsJson(before);
        var b = AsJson(after);
        return [.. a.Select(p => p.Key).Union(b.Select(p => p.Key), StringComparer.Ordinal)
            .Where(key => !JsonNode.DeepEquals(a[key], b[key]))
            .Order(StringComparer.Ordinal)];
    }

    private static JsonObject AsJson(StepDefinition step) =>
        (JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(step with { Name = null }, DefinitionJsonContext.Default.StepDefinition)!;
}
