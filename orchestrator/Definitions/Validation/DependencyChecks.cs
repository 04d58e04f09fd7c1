namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>The DAG: unknown, repeated and self dependencies, and cycles.</summary>
internal static class DependencyChecks
{
    public static DependencyGraph Check(WorkflowDefinition definition, List<DefinitionProblem> problems)
    {
        var stepsPath = JsonPaths.Property(JsonPaths.Root, "steps");
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            if (definition.Steps[i]?.Id is { } id)
            {
                indexes.TryAdd(id, i);
            }
        }

        var dependencies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            if (step?.Id is null)
            {
                continue;
            }

            var known = new List<string>();
            var dependsOnPath = JsonPaths.Property(JsonPaths.Index(stepsPath, i), "dependsOn");
            for (var d = 0; d < step.DependsOn.Count; d++)
            {
                var path = JsonPaths.Index(dependsOnPath, d);
                var dependency = step.DependsOn[d];
                if (dependency is null)
                {
                    problems.Add(new(path, "a dependency must be a step id, not null"));
                }
                else if (dependency == step.Id)
                {
                    problems.Add(new(path, $"step '{step.Id}' depends on itself"));
                }
                else if (!indexes.ContainsKey(dependency))
                {
                    problems.Add(new(path, $"unknown step '{dependency}'"));
                }
                else if (known.Contains(dependency))
                {
                    problems.Add(new(path, $"'{dependency}' is listed twice"));
                }
                else
                {
                    known.Add(dependency);
                }
            }

            dependencies.TryAdd(step.Id, known);
        }

        var graph = new DependencyGraph(dependencies);
        var order = indexes.OrderBy(p => p.Value).Select(p => p.Key).ToList();
        foreach (var cycle in graph.Cycles(order))
        {
            var first = cycle.Take(cycle.Count - 1).MinBy(id => indexes[id])!;
            var start = cycle.ToList().IndexOf(first);
            var rotated = cycle.Skip(start).Concat(cycle.Skip(1).Take(start)).ToList();
            problems.Add(new(
                JsonPaths.Property(JsonPaths.Index(stepsPath, indexes[first]), "dependsOn"),
                $"dependency cycle: {string.Join(" -> ", rotated)} (each step depends on the next)"));
        }

        return graph;
    }
}
