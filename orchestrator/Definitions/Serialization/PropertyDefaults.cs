using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Pipeline.Orchestrator.Definitions.Serialization;

/// <summary>
/// Writes the model's default values into a JSON document for the properties it leaves out.
/// </summary>
/// <remarks>
/// Why: the records' properties are init-only, so the source generator builds them with one object initializer
/// and gives an absent property <c>default(T)</c> instead of the record's own default (a missing <c>retry</c>
/// would mean zero delays, a missing <c>inputs</c> null). Filling the document first keeps the records the
/// single source of their defaults.
/// </remarks>
internal static class PropertyDefaults
{
    private static readonly Dictionary<Type, JsonObject> Defaults = new()
    {
        [typeof(WorkflowDefinition)] = Of(new WorkflowDefinition { Id = "", Name = "", Steps = [] }),
        [typeof(WorkflowInput)] = Of(new WorkflowInput()),
        [typeof(TriggerDefinition)] = Of(new TriggerDefinition { Type = "" }),
        [typeof(StepDefinition)] = Of(new StepDefinition { Id = "" }),
        [typeof(RetryPolicy)] = Of(new RetryPolicy()),
        [typeof(StepResources)] = Of(new StepResources()),
    };

    /// <summary>
    /// Fills left-out properties with their defaults. A left-out required property is recorded in
    /// <paramref name="missing"/> with its path and given a placeholder (an empty string or list), so the rest of the
    /// definition can still be read and checked: every problem is reported at once.
    /// </summary>
    public static void Fill(JsonNode? node, JsonTypeInfo typeInfo, string path, List<DefinitionProblem> missing)
    {
        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                var defaults = Defaults.GetValueOrDefault(typeInfo.Type);
                foreach (var property in typeInfo.Properties)
                {
                    if (!obj.ContainsKey(property.Name) && defaults?[property.Name] is { } value)
                    {
                        obj[property.Name] = value.DeepClone();
                        if (property.IsRequired)
                        {
                            missing.Add(new DefinitionProblem(JsonPaths.Property(path, property.Name), $"'{property.Name}' is required"));
                        }
                    }

                    Fill(obj[property.Name], typeInfo.Options.GetTypeInfo(property.PropertyType), JsonPaths.Property(path, property.Name), missing);
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Fill(array[i], typeInfo.Options.GetTypeInfo(typeInfo.ElementType!), JsonPaths.Index(path, i), missing);
                }

                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map:
                foreach (var (key, item) in map)
                {
                    Fill(item, typeInfo.Options.GetTypeInfo(typeInfo.ElementType!), JsonPaths.Property(path, key), missing);
                }

                break;
            default:
                break;
        }
    }

    private static JsonObject Of<T>(T value) =>
        JsonSerializer.SerializeToNode(value, (JsonTypeInfo<T>)DefinitionJsonContext.Default.GetTypeInfo(typeof(T))!)!.AsObject();
}
