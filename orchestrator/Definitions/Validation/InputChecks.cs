using Pipeline.Orchestrator.Definitions.Inputs;

namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>Input names, types and defaults.</summary>
internal static class InputChecks
{
    public static void Check(WorkflowDefinition definition, List<DefinitionProblem> problems)
    {
        var inputsPath = JsonPaths.Property(JsonPaths.Root, "inputs");
        foreach (var (name, input) in definition.Inputs)
        {
            var path = JsonPaths.Property(inputsPath, name);
            if (!Identifiers.IsInputName(name))
            {
                problems.Add(new(path, $"'{name}' is not a valid input name: {Identifiers.InputNameRule}"));
            }

            if (input is null)
            {
                problems.Add(new(path, "an input must be an object, not null"));
                continue;
            }

            if (!InputTypes.All.Contains(input.Type))
            {
                problems.Add(new(JsonPaths.Property(path, "type"), $"unknown input type '{input.Type}'; expected one of {string.Join(", ", InputTypes.All)}"));
            }
            else if (input.Default is { } value && InputValues.Check(input.Type, value) is { } error)
            {
                problems.Add(new(JsonPaths.Property(path, "default"), $"the default {error}"));
            }
        }
    }
}
