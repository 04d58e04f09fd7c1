namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// The partition catalog (the orchestrator's database implements it, on SQLite or PostgreSQL): assets, each
/// partition's state, every materialization, and what each was made from.
/// </summary>
public interface IAssetStore
{
    /// <summary>Adds the asset, or leaves the one of that name as it is; the stored one either way.</summary>
    Task<AssetRecord> EnsureAssetAsync(AssetRecord asset, CancellationToken cancellationToken);

    Task<AssetRecord?> GetAssetAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<AssetRecord>> ListAssetsAsync(CancellationToken cancellationToken);

    /// <summary>How many partitions of <paramref name="asset"/> are in each state.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByStateAsync(string asset, CancellationToken cancellationToken);

    /// <summary>Every asset with its counts by state, newest materialized partition, freshness and oldest stale partition.</summary>
    Task<IReadOnlyList<AssetSummary>> SummariesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records the partitions a step wrote, all or none, by content hash: a partition whose current materialization
    /// is materialized with the same hash is left as it is (recording twice changes nothing); otherwise it gets a new
    /// materialization and becomes materialized, and when its hash changed every materialized partition whose
    /// current materialization read other content of it becomes stale.
    /// </summary>
    Task<IReadOnlyList<RecordOutcome>> RecordAsync(IReadOnlyList<NewMaterialization> written, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks a partition failed, missing or stale, keeping its last good materialization readable.</summary>
    Task MarkAsync(PartitionRef partition, string state, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PartitionPage> ListPartitionsAsync(PartitionQuery query, CancellationToken cancellationToken);

    /// <summary>One partition with its current materialization; null when the catalog has no such partition.</summary>
    Task<PartitionView?> GetPartitionAsync(PartitionRef partition, CancellationToken cancellationToken);

    /// <summary>Every materialization of a partition, newest first.</summary>
    Task<IReadOnlyList<Materialization>> HistoryAsync(PartitionRef partition, CancellationToken cancellationToken);

    /// <summary>What <paramref name="materializationId"/> was made from.</summary>
    Task<IReadOnlyList<LineageInput>> UpstreamAsync(long materializationId, CancellationToken cancellationToken);

    /// <summary>
    /// The partitions whose current content was made from a file with content hash <paramref name="sha256"/> (the
    /// prediction partitions a model version scored: they read its model file), newest key first, at most
    /// <paramref name="limit"/>, and how many there are in all.
    /// </summary>
    Task<FileReaders> ReadersOfFileAsync(string sha256, int limit, CancellationToken cancellationToken);

    /// <summary>The materializations made from the content <paramref name="materializationId"/> recorded.</summary>
    Task<IReadOnlyList<Materialization>> DownstreamAsync(long materializationId, CancellationToken cancellationToken);

    /// <summary>
    /// The day and state of every day partition of <paramref name="asset"/> from <paramref name="firstKey"/> to
    /// <paramref name="lastKey"/> (inclusive; null leaves that end open), oldest first: one range of the primary key.
    /// Keys that are not days (a model's versions) are left out.
    /// </summary>
    Task<PartitionStateList> StatesAsync(string asset, string? firstKey, string? lastKey, CancellationToken cancellationToken);

    /// <summary>
    /// Which step made partitions of which asset from partitions of which other asset, each pair once: the edges of
    /// the asset graph, derived from every materialization's recorded inputs.
    /// </summary>
    Task<IReadOnlyList<LineageLink>> LineageLinksAsync(CancellationToken cancellationToken);
}
