using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Serialization;

namespace Pipeline.Orchestrator.Tests.Definitions;

/// <summary>Keeps workflows/workflow.schema.json and the model records describing the same JSON.</summary>
public sealed class SchemaConsistencyTests
{
    // Where each record is described in the schema; null is the root.
    private static readonly Dictionary<Type, string?> Definitions = new()
    {
        [typeof(WorkflowDefinition)] = null,
        [typeof(WorkflowInput)] = "input",
        [typeof(TriggerDefinition)] = "trigger",
        [typeof(StepDefinition)] = "step",
        [typeof(RetryPolicy)] = "retry",
        [typeof(StepResources)] = "resources",
        [typeof(StepPartitions)] = "partitions",
    };

    private static readonly JsonObject Schema =
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestDefinitions.RepoRoot(), "workflows", "workflow.schema.json")))!.AsObject();

    public static TheoryData<string> Records() => [.. Definitions.Keys.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Records))]
    public void Schema_and_model_have_the_same_properties(string record)
    {
        var (type, schema) = Lookup(record);
        var model = TypeInfo(type).Properties.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(model, schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Schema_requires_what_the_model_requires(string record)
    {
        var (type, schema) = Lookup(record);
        var required = TypeInfo(type).Properties.Where(p => p.IsRequired).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

        var listed = schema["required"]?.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ToList() ?? [];
        Assert.Equal(required, listed);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Nested_records_refer_to_their_schema_definitions(string record)
    {
        var (type, schema) = Lookup(record);
        foreach (var property in TypeInfo(type).Properties)
        {
            var nested = Nested(property.PropertyType);
            if (nested is null)
            {
                continue;
            }

            var node = schema["properties"]![property.Name]!;
            var reference = (node["$ref"] ?? node["items"]?["$ref"] ?? node["additionalProperties"]?["$ref"])?.GetValue<string>();
            Assert.Equal("#/$defs/" + Definitions[nested], reference);
        }
    }

    [Fact]
    public void Schema_enums_list_the_model_constants()
    {
        var defs = Schema["$defs"]!;
        Assert.Equal(InputTypes.All, Enum(defs["input"]!["properties"]!["type"]!));
        Assert.Equal(StepPrograms.All, Enum(defs["step"]!["properties"]!["program"]!));
        Assert.Equal([TriggerTypes.Cron, TriggerTypes.Http, TriggerTypes.Dataset, TriggerTypes.Materialize, TriggerTypes.Manual], Enum(defs["trigger"]!["properties"]!["type"]!));
        Assert.Equal([CatchUpPolicies.None, CatchUpPolicies.Latest, CatchUpPolicies.All], Enum(defs["trigger"]!["properties"]!["catchUp"]!));
        Assert.Equal(PartitionOrders.All, Enum(defs["partitions"]!["properties"]!["order"]!));
    }

    private static (Type Type, JsonObject Schema) Lookup(string record)
    {
        var type = Definitions.Keys.Single(t => t.Name == record);
        var schema = Definitions[type] is { } name ? Schema["$defs"]![name]!.AsObject() : Schema;
        return (type, schema);
    }

    private static JsonTypeInfo TypeInfo(Type type) => DefinitionJsonContext.Default.GetTypeInfo(type)!;

    private static Type? Nested(Type type)
    {
        var candidate = Nullable.GetUnderlyingType(type) ?? type;
        if (Definitions.ContainsKey(candidate))
        {
            return candidate;
        }

        return candidate.IsGenericType ? candidate.GetGenericArguments().LastOrDefault(Definitions.ContainsKey) : null;
    }

    private static List<string> Enum(JsonNode node) => [.. node["enum"]!.AsArray().Select(n => n!.GetValue<string>())];
}
