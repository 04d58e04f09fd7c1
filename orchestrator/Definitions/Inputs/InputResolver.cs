namespace Pipeline.Orchestrator.Definitions.Inputs;

/// <summary>
/// Turns the input values a caller or trigger gives into a run's full input map: every declared input, given or
/// defaulted. Layering (trigger values over defaults, caller values over the trigger's) is the caller's: merge the
/// dictionaries, then resolve.
/// </summary>
public static class InputResolver
{
    /// <summary>
    /// The full input map, or every problem: an unknown input name, a required input missing, a value not of its
    /// type or holding a NUL (which no step argument can). Problem paths are <c>$.inputs.&lt;name&gt;</c>.
    /// </summary>
    public static InputResolution Resolve(WorkflowDefinition definition, IReadOnlyDictionary<string, string> given)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(given);
        var problems = new List<DefinitionProblem>();
        var inputsPath = JsonPaths.Property(JsonPaths.Root, "inputs");
        foreach (var name in given.Keys.Where(n => !definition.Inputs.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            problems.Add(new DefinitionProblem(JsonPaths.Property(inputsPath, name), $"unknown input '{name}'{Declared(definition)}"));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, input) in definition.Inputs)
        {
            var path = JsonPaths.Property(inputsPath, name);
            var value = given.TryGetValue(name, out var g) ? g : input.Default;
            if (value is null)
            {
                problems.Add(new DefinitionProblem(path, $"input '{name}' is required (it has no default)"));
                continue;
            }

            if (ControlCharacters.HasNul(value))
            {
                problems.Add(new DefinitionProblem(path, $"input '{name}' {ControlCharacters.NulProblem}"));
                continue;
            }

            if (InputValues.Check(input.Type, value) is { } error)
            {
                problems.Add(new DefinitionProblem(path, $"input '{name}': {error}"));
                continue;
            }

            values[name] = value;
        }

        return problems.Count == 0 ? new InputResolution(values, []) : new InputResolution(null, problems);
    }

    private static string Declared(WorkflowDefinition definition) =>
        definition.Inputs.Count == 0
            ? "; the workflow declares no inputs"
            : "; declared: " + string.Join(", ", definition.Inputs.Keys.Order(StringComparer.Ordinal));
}
