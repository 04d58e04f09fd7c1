namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// How a partitioned step fans out, as rendered for one run: where its keys come from (an upstream step's manifest,
/// or <see cref="Keys"/> already rendered), in which order its partitions start, how many may run at once, and the
/// <see cref="Placeholder"/> that stands for <c>${{ partition.key }}</c> in its spec until each partition's step
/// run puts its day in.
/// </summary>
public sealed record PartitionPlan
{
    public string? FromStep { get; init; }

    public string? Asset { get; init; }

    public string? Keys { get; init; }

    public string Order { get; init; } = Definitions.PartitionOrders.OldestFirst;

    public int? MaxParallel { get; init; }

    public required string Placeholder { get; init; }
}
