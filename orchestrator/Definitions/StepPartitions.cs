namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// A step that runs once per day partition (a fan-out): one step run, with its own attempts, retries, timeout and
/// logs, per key. The keys come either from an upstream step's manifest (<see cref="FromStep"/>: the partitions of
/// its assets it created or replaced, the days a Chunker run touched) or from a template (<see cref="Keys"/>, e.g.
/// <c>${{ inputs.days }}</c>: days and <c>from..to</c> ranges, separated by commas or spaces). Each partition's
/// arguments and environment may use <c>${{ partition.key }}</c>; steps that depend on a partitioned step wait for
/// all its partitions (a fan-in).
/// </summary>
public sealed record StepPartitions
{
    /// <summary>An upstream step (in <c>dependsOn</c>) whose manifest names the partitions to run.</summary>
    public string? FromStep { get; init; }

    /// <summary>With <see cref="FromStep"/>: only the partitions of this asset (default: of every asset it reports).</summary>
    public string? Asset { get; init; }

    /// <summary>A template rendering the keys: <c>yyyy-MM-dd</c> days and <c>yyyy-MM-dd..yyyy-MM-dd</c> ranges.</summary>
    public string? Keys { get; init; }

    /// <summary><see cref="PartitionOrders.OldestFirst"/> (the default) or <see cref="PartitionOrders.NewestFirst"/>.</summary>
    public string? Order { get; init; }

    /// <summary>At most this many of its partitions run at once, over all servers; none: the servers' own limits.</summary>
    public int? MaxParallel { get; init; }
}

/// <summary>The orders a fan-out's partitions are started in.</summary>
public static class PartitionOrders
{
    public const string OldestFirst = "oldest-first";
    public const string NewestFirst = "newest-first";

    public static readonly IReadOnlyList<string> All = [OldestFirst, NewestFirst];
}
