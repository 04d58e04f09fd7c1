using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Definitions.Serialization;

/// <summary>
/// Reads workflow definitions from JSON text. A JSON syntax or type error stops reading, so it is reported alone
/// (with its path, line and column); a definition that reads is then checked as a whole by <see cref="WorkflowValidator"/>.
/// </summary>
public static class WorkflowDefinitionReader
{
    /// <summary>Parses <paramref name="json"/>; JSON errors become problems instead of exceptions.</summary>
    public static DefinitionReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var typeInfo = DefinitionJsonContext.Default.WorkflowDefinition;

            // Read the text first so that errors carry their line and column, which a JSON node does not have.
            if (JsonSerializer.Deserialize(json, typeInfo) is null)
            {
                return new DefinitionReadResult(null, [new DefinitionProblem(JsonPaths.Root, "the definition is null; expected an object")]);
            }

            var node = JsonNode.Parse(json);
            PropertyDefaults.Fill(node, typeInfo);
            return new DefinitionReadResult(node.Deserialize(typeInfo), []);
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
        return read.Definition is null ? read : read with { Problems = WorkflowValidator.Validate(read.Definition) };
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

        message = message.Replace("Pipeline.Orchestrator.Definitions.", "", StringComparison.Ordinal);
        if (e.LineNumber is { } line)
        {
            var column = (e.BytePositionInLine ?? 0) + 1;
            message = string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, column {column}: {message}");
        }

        return new DefinitionProblem(string.IsNullOrEmpty(e.Path) ? JsonPaths.Root : e.Path, message);
    }
}
