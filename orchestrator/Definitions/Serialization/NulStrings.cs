using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Definitions.Serialization;

/// <summary>
/// Finds NUL characters anywhere in a definition, in keys and in string values: a step would get one as an argument
/// or environment value, which no process can take. Other control characters are left to the rules of each field
/// (an id's pattern refuses them; a description or a script may hold newlines and tabs).
/// </summary>
internal static class NulStrings
{
    public static void Find(JsonNode? node, string path, List<DefinitionProblem> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var at = JsonPaths.Property(path, key);
                    if (ControlCharacters.HasNul(key))
                    {
                        problems.Add(new DefinitionProblem(at, $"the key {ControlCharacters.NulProblem}"));
                    }

                    Find(value, at, problems);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Find(array[i], JsonPaths.Index(path, i), problems);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && ControlCharacters.HasNul(value.GetValue<string>()):
                problems.Add(new DefinitionProblem(path, $"the value {ControlCharacters.NulProblem}"));
                break;
        }
    }
}
