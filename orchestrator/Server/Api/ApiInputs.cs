using System.Text.Json;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Run inputs from JSON: strings as they are, numbers and booleans as written (<c>4</c>, <c>true</c>), since inputs
/// travel as text into step arguments; objects, arrays and null are refused with the input's path.
/// </summary>
internal static class ApiInputs
{
    public static (Dictionary<string, string> Values, List<DefinitionProblem> Problems) FromJson(IEnumerable<KeyValuePair<string, JsonElement>> given)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<DefinitionProblem>();
        foreach (var (name, value) in given)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    values[name] = value.GetString()!;
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    values[name] = value.GetRawText();
                    break;
                default:
                    problems.Add(new DefinitionProblem($"$.inputs.{name}", $"an input is a string, number or boolean, not {value.ValueKind.ToString().ToLowerInvariant()}"));
                    break;
            }
        }

        return (values, problems);
    }
}
