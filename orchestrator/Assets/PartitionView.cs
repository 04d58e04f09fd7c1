namespace Pipeline.Orchestrator.Assets;

/// <summary>A partition in the catalog: its state, why (for failed and missing ones) and its current materialization.</summary>
public sealed record PartitionView(string Asset, string PartitionKey, string State, string? Reason, DateTimeOffset UpdatedAt, Materialization? Current);

/// <summary>
/// Which partitions of an asset to list: by state and key range (inclusive), after a key (keyset paging, in key
/// order), at most <see cref="Limit"/>.
/// </summary>
public sealed record PartitionQuery(string Asset, string? State = null, string? From = null, string? To = null, string? After = null, int Limit = 100);

/// <summary>A page of partitions and the key to ask the next page after (null on the last page).</summary>
public sealed record PartitionPage(IReadOnlyList<PartitionView> Partitions, string? NextAfter);

/// <summary>What a materialization read: another materialization, or a file with its hash then.</summary>
public sealed record LineageInput(Materialization? Materialization, FileInput? File);
