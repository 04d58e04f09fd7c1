using Pipeline.Orchestrator.Definitions.Templates;

namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>A partitioned step's <c>partitions</c>: where its keys come from, their order and its parallelism.</summary>
internal static class PartitionChecks
{
    public const int MaxParallelLimit = 1000;

    public static void Check(WorkflowDefinition definition, List<DefinitionProblem> problems)
    {
        var stepsPath = JsonPaths.Property(JsonPaths.Root, "steps");
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            if (definition.Steps[i] is not { Partitions: { } partitions } step)
            {
                continue;
            }

            var path = JsonPaths.Property(JsonPaths.Index(stepsPath, i), "partitions");
            if ((partitions.FromStep is null) == (partitions.Keys is null))
            {
                problems.Add(new(path, "give exactly one of 'fromStep' (an upstream step whose manifest names the partitions) or 'keys' (a template of days and ranges)"));
            }

            if (partitions.FromStep is { } from && !step.DependsOn.Contains(from, StringComparer.Ordinal))
            {
                problems.Add(new(JsonPaths.Property(path, "fromStep"), $"'{from}' must be in the step's dependsOn: its partitions are known once it has succeeded"));
            }

            if (partitions.Asset is { } asset && (partitions.FromStep is null || !AssetNames.IsValid(asset)))
            {
                problems.Add(new(JsonPaths.Property(path, "asset"), partitions.FromStep is null
                    ? "'asset' narrows the partitions of 'fromStep'; with 'keys' it has no use"
                    : $"'{asset}' is not an asset name ({AssetNames.Rule})"));
            }

            if (partitions.Order is { } order && !PartitionOrders.All.Contains(order))
            {
                problems.Add(new(JsonPaths.Property(path, "order"), $"unknown order '{order}'; expected one of {string.Join(", ", PartitionOrders.All)}"));
            }

            if (partitions.MaxParallel is { } max && max is < 1 or > MaxParallelLimit)
            {
                problems.Add(new(JsonPaths.Property(path, "maxParallel"), $"must be 1 to {MaxParallelLimit}, not {max}"));
            }
        }
    }
}
