using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Api;

/// <summary>The rows of a run grid: which steps, in which order.</summary>
internal static class GridStepOrder
{
    /// <summary>
    /// The latest version's steps in topological order (each after the steps it depends on; among steps ready
    /// together, the definition's order), then the steps only the page's runs have, newest run first and each run's
    /// steps as that run ordered them.
    /// </summary>
    public static IReadOnlyList<GridStepView> Of(WorkflowDefinition? latest, IReadOnlyList<RunRecord> runs, IReadOnlyList<GridStepRun> stepRuns)
    {
        var current = latest is null ? [] : Topological(latest.Steps);
        var rows = current.Select(id => new GridStepView(id, true)).ToList();
        var seen = current.ToHashSet(StringComparer.Ordinal);
        var byRun = stepRuns.ToLookup(s => s.RunId, StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var step in byRun[run.Id].OrderBy(s => s.Ordinal).Where(s => seen.Add(s.StepId)))
            {
                rows.Add(new GridStepView(step.StepId, false));
            }
        }

        return rows;
    }

    // Kahn's algorithm, always taking the earliest ready step in the definition: definitions are mostly written in
    // order already, and then the grid keeps the author's order. Dependencies on unknown steps are ignored, and the
    // steps of a cycle (a version the validator would refuse) follow in definition order.
    internal static IReadOnlyList<string> Topological(IReadOnlyList<StepDefinition> steps)
    {
        var ids = steps.Select(s => s.Id).Distinct(StringComparer.Ordinal).ToList();
        var known = ids.ToHashSet(StringComparer.Ordinal);
        var waitingOn = steps.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => g.First().DependsOn.Where(d => known.Contains(d) && d != g.Key).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var order = new List<string>(ids.Count);
        while (order.Count < ids.Count)
        {
            var next = ids.FirstOrDefault(id => !order.Contains(id) && waitingOn[id].Count == 0)
                ?? ids.First(id => !order.Contains(id));
            order.Add(next);
            foreach (var set in waitingOn.Values)
            {
                set.Remove(next);
            }
        }

        return order;
    }
}
