using Pipeline.Orchestrator.Definitions.Templates;

namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>Every argument and environment value parses and refers only to what exists for its step; secrets only in environment values.</summary>
internal static class TemplateChecks
{
    public static void Check(WorkflowDefinition definition, DependencyGraph graph, List<DefinitionProblem> problems)
    {
        var stepsPath = JsonPaths.Property(JsonPaths.Root, "steps");
        var ids = definition.Steps.Where(s => s?.Id is not null).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            if (step is null)
            {
                continue;
            }

            var path = JsonPaths.Index(stepsPath, i);
            var argsPath = JsonPaths.Property(path, "args");
            for (var a = 0; a < step.Args.Count; a++)
            {
                CheckOne(definition, graph, ids, step, step.Args[a], JsonPaths.Index(argsPath, a), problems, inEnv: false);
            }

            var envPath = JsonPaths.Property(path, "env");
            foreach (var (name, value) in step.Env)
            {
                CheckOne(definition, graph, ids, step, value, JsonPaths.Property(envPath, name), problems, inEnv: true);
            }

            // The keys are rendered before there is a partition: partition.key cannot be in them.
            CheckOne(definition, graph, ids, step with { Partitions = null }, step.Partitions?.Keys, JsonPaths.Property(JsonPaths.Property(path, "partitions"), "keys"), problems, inEnv: false);
        }
    }

    private static void CheckOne(
        WorkflowDefinition definition, DependencyGraph graph, HashSet<string> ids, StepDefinition step, string? text, string path,
        List<DefinitionProblem> problems, bool inEnv)
    {
        if (text is null)
        {
            return;
        }

        var template = StepTemplate.Parse(text);
        problems.AddRange(template.Errors.Select(e => new DefinitionProblem(path, e)));
        foreach (var expression in template.Expressions)
        {
            var error = expression.Kind switch
            {
                TemplateExpressionKind.Input when !definition.Inputs.ContainsKey(expression.Name!) =>
                    $"no input '{expression.Name}' is declared",
                TemplateExpressionKind.UpstreamOutput when !ids.Contains(expression.Name!) =>
                    $"there is no step '{expression.Name}'",
                TemplateExpressionKind.UpstreamOutput when expression.Name == step.Id =>
                    "a step refers to its own output as step.output",
                TemplateExpressionKind.UpstreamOutput when !graph.IsUpstream(expression.Name!, step.Id) =>
                    $"'{expression.Name}' is not upstream of '{step.Id}'",
                TemplateExpressionKind.Secret when !inEnv => SecretChecks.OnlyInEnv + SecretChecks.WhyNotArgs,
                TemplateExpressionKind.PartitionKey when step.Partitions is null => "only a partitioned step (one with 'partitions') runs for a partition",
                _ => null,
            };
            if (error is not null)
            {
                problems.Add(new(path, $"{expression.Text}: {error}"));
            }
        }
    }
}
