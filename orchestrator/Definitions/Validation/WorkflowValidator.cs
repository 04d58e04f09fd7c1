namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>
/// Checks a <see cref="WorkflowDefinition"/> as a whole and reports every problem at once, each with the JSON path of
/// the offending value: names, the DAG (unknown and self dependencies, cycles), what each step runs, triggers (cron
/// schedules and time zones, HTTP paths), inputs and their defaults, retry and limits, and every template.
/// </summary>
public static class WorkflowValidator
{
    /// <summary>Every problem of <paramref name="definition"/>, in document order; empty when it is valid.</summary>
    public static IReadOnlyList<DefinitionProblem> Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<DefinitionProblem>();
        var root = JsonPaths.Root;

        if (!Identifiers.IsId(definition.Id))
        {
            problems.Add(new(JsonPaths.Property(root, "id"), $"'{definition.Id}' is not a valid id: {Identifiers.IdRule}"));
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            problems.Add(new(JsonPaths.Property(root, "name"), "the name must not be empty"));
        }

        CheckCount(definition.Steps?.Count ?? 0, DefinitionLimits.MaxSteps, "steps", problems);
        CheckCount(definition.Triggers?.Count ?? 0, DefinitionLimits.MaxTriggers, "triggers", problems);
        CheckCount(definition.Inputs?.Count ?? 0, DefinitionLimits.MaxInputs, "inputs", problems);
        InputChecks.Check(definition, problems);
        TriggerChecks.Check(definition, problems);
        SecretChecks.Check(definition, problems);

        if (definition.Steps is not { Count: > 0 })
        {
            problems.Add(new(JsonPaths.Property(root, "steps"), "a workflow needs at least one step"));
        }
        else
        {
            StepChecks.Check(definition, problems);
            var graph = DependencyChecks.Check(definition, problems);
            TemplateChecks.Check(definition, graph, problems);
            PartitionChecks.Check(definition, problems);
        }

        if (definition.MaxActiveRuns < 1)
        {
            problems.Add(new(JsonPaths.Property(root, "maxActiveRuns"), $"must be at least 1, not {definition.MaxActiveRuns}"));
        }

        return problems;
    }

    private static void CheckCount(int count, int max, string property, List<DefinitionProblem> problems)
    {
        if (count > max)
        {
            problems.Add(new(JsonPaths.Property(JsonPaths.Root, property), $"at most {max} {property} are allowed; this definition has {count}"));
        }
    }
}
