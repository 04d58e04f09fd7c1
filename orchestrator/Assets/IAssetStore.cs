namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// The partition catalog (the orchestrator's database implements it, on SQLite or PostgreSQL): assets, each
/// partition's state, every materialization, and what each was made from.
/// </summary>
public interface IAssetStore
{
    /// <summary>Adds the asset, or leaves the one of that name as it is; the stored one either way.</summary>
    Task<AssetRecord> EnsureAssetAsync(AssetRecord asset, CancellationToken cancellationToken);

    Task<IReadOnlyList<AssetRecord>> ListAssetsAsync(CancellationToken cancellationToken);

    /// <summary>How many partitions of <paramref name="asset"/> are in each state.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByStateAsync(string asset, CancellationToken cancellationToken);

    /// <summary>
    /// Records the partitions a step wrote, all or none: each becomes materialized with its new materialization, and
    /// every partition whose current materialization read an earlier materialization of one of them becomes stale.
    /// An input partition that has no materialization is refused (<see cref="ArgumentException"/>).
    /// </summary>
    Task<IReadOnlyList<Materialization>> RecordAsync(IReadOnlyList<NewMaterialization> written, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks a partition failed (or missing), keeping its last good materialization readable.</summary>
    Task MarkAsync(PartitionRef partition, string state, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PartitionPage> ListPartitionsAsync(PartitionQuery query, CancellationToken cancellationToken);

    /// <summary>What <paramref name="materializationId"/> was made from.</summary>
    Task<IReadOnlyList<LineageInput>> UpstreamAsync(long materializationId, CancellationToken cancellationToken);

    /// <summary>The materializations made from <paramref name="materializationId"/>.</summary>
    Task<IReadOnlyList<Materialization>> DownstreamAsync(long materializationId, CancellationToken cancellationToken);
}
