using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Definitions.Serialization;

/// <summary>
/// Reads workflow definitions from JSON text. A JSON syntax or type error stops reading, so it is reported alone
/// (with its path, line and column); a definition that reads is then checked as a whole by <see cref="WorkflowValidator"/>.
/// </summary>
public static class WorkflowDefinitionReader
{
    // The same contract with no property required: the text pass reports syntax and type errors with their line and
    // column, and leaves missing properties to the node pass.
    // A key given twice is refused rather than read as its last value (what a reader of the text sees first is not
    // what would run), and JsonNode would throw on it.
    private static readonly JsonTypeInfo<WorkflowDefinition> Lenient = (JsonTypeInfo<WorkflowDefinition>)new JsonSerializerOptions(DefinitionJsonContext.Default.Options)
    {
        AllowDuplicateProperties = false,
        TypeInfoResolver = DefinitionJsonContext.Default.WithAddedModifier(type =>
        {
            foreach (var property in type.Properties)
            {
                property.IsRequired = false;
            }
        }),
    }.GetTypeInfo(typeof(WorkflowDefinition));

    /// <summary>
    /// Parses <paramref name="json"/>; JSON errors become problems instead of exceptions. A left-out required property
    /// is a problem too, but the rest is still read (with a placeholder), so validation can report everything else.
    /// </summary>
    public static DefinitionReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            // Read the text first so that errors carry their line and column, which a JSON node does not have;
            // required properties are checked on the node instead, where every missing one can be reported.
            if (JsonSerializer.Deserialize(json, Lenient) is null)
            {
                return new DefinitionReadResult(null, [new DefinitionProblem(JsonPaths.Root, "the definition is null; expected an object")]);
            }

            var typeInfo = DefinitionJsonContext.Default.WorkflowDefinition;
            var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            var problems = new List<DefinitionProblem>();
            NulStrings.Find(node, JsonPaths.Root, problems);
            PropertyDefaults.Fill(node, typeInfo, JsonPaths.Root, problems);
            return new DefinitionReadResult(node.Deserialize(typeInfo), problems);
        }
        catch (JsonException e)
        {
            return new DefinitionReadResult(null, [ToProblem(e)]);
        }
    }

    /// <summary>Parses and validates <paramref name="json"/>: every problem at once, or none.</summary>
    public static DefinitionReadResult ReadAndValidate(string json)
    {
        var read = Read(json);
        if (read.Definition is null)
        {
            return read;
        }

        // A placeholder's own complaint ("the name must not be empty") would repeat the missing property's.
        var missingPaths = read.Problems.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        return read with { Problems = [.. read.Problems, .. WorkflowValidator.Validate(read.Definition).Where(p => !missingPaths.Contains(p.Path))] };
    }

    /// <summary>Writes a definition as the indented camelCase JSON this reader accepts.</summary>
    public static string Write(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, DefinitionJsonContext.Default.WorkflowDefinition);
    }

    private static DefinitionProblem ToProblem(JsonException e)
    {
        var message = e.Message;

        // System.Text.Json appends "Path: ... | LineNumber: ... | BytePositionInLine: ...", which the problem
        // carries in its own fields; people count lines and columns from 1.
        var suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            message = message[..suffix];
        }

        message = UnknownProperties.Describe(message)
            ?? DuplicateKeys.Describe(message, e.Path)
            ?? message.Replace("Pipeline.Orchestrator.Definitions.", "", StringComparison.Ordinal);
        if (e.LineNumber is { } line)
        {
            var column = (e.BytePositionInLine ?? 0) + 1;
            message = string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, column {column}: {message}");
        }

        return new DefinitionProblem(string.IsNullOrEmpty(e.Path) ? JsonPaths.Root : e.Path, message);
    }
}
