namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// An asset at a glance: how many partitions are in each state, the newest materialized partition, when the asset
/// was last materialized and since when its oldest stale partition has been stale.
/// </summary>
public sealed record AssetSummary(
    AssetRecord Asset,
    IReadOnlyDictionary<string, long> Counts,
    string? NewestMaterialized,
    DateTimeOffset? LastMaterializedAt,
    DateTimeOffset? OldestStaleSince);
