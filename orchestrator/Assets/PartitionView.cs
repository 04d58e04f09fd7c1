namespace Pipeline.Orchestrator.Assets;

/// <summary>A partition in the catalog: its state, why (for failed and missing ones) and its current materialization.</summary>
public sealed record PartitionView(string Asset, string PartitionKey, string State, string? Reason, DateTimeOffset UpdatedAt, Materialization? Current);

/// <summary>
/// Which partitions of an asset to list: by state and key range (inclusive), newest key first, after a key
/// (keyset paging: the keys older than <see cref="After"/>), at most <see cref="Limit"/> (1 to 1000).
/// </summary>
public sealed record PartitionQuery(string Asset, string? State = null, string? From = null, string? To = null, string? After = null, int Limit = 100);

/// <summary>A page of partitions and the key to ask the next page after (null on the last page).</summary>
public sealed record PartitionPage(IReadOnlyList<PartitionView> Partitions, string? NextAfter);

/// <summary>
/// What a materialization read: a partition of another asset with its hash then (and the materialization of that
/// content, when the catalog has it), or a file with its hash then.
/// </summary>
public sealed record LineageInput(PartitionRead? Partition, Materialization? Materialization, FileInput? File);

/// <summary>Some of the partitions made from a file's content (newest first) and how many there are.</summary>
public sealed record FileReaders(IReadOnlyList<PartitionView> Partitions, long Total);
