using System.Text.Json.Serialization;

namespace Pipeline.Orchestrator.Definitions.Serialization;

/// <summary>
/// The source-generated JSON contract of workflow definitions: camelCase, unknown properties refused (they are
/// usually typos), <c>null</c> refused where the model does not allow it.
/// </summary>
/// <remarks>
/// Read definitions through <see cref="WorkflowDefinitionReader"/>, not with this context directly: for a property
/// the JSON leaves out, the generated code gives <c>default(T)</c> rather than the record's default, which the reader
/// puts right. Writing with it is fine (every property is written).
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(WorkflowDefinition))]
[JsonSerializable(typeof(IReadOnlyList<DefinitionProblem>))]
public sealed partial class DefinitionJsonContext : JsonSerializerContext;
