using System.Text;
using Dapper;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>Reading the catalog: assets and their summaries, pages of partitions, a partition's history and lineage.</summary>
public sealed partial class SqlAssetStore
{
    public async Task<AssetRecord?> GetAssetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await GetAssetAsync(connection, null, name, cancellationToken);
    }

    public async Task<IReadOnlyList<AssetRecord>> ListAssetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, string Partitioning, string? TimeZone, long CreatedAt, string? Folder)>(new CommandDefinition(
            "SELECT name, partitioning, time_zone, created_at, folder FROM assets ORDER BY name", cancellationToken: cancellationToken));
        return [.. rows.Select(r => new AssetRecord(r.Name, r.Partitioning, r.TimeZone, UnixMs.To(r.CreatedAt), r.Folder))];
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(string asset, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM asset_partitions WHERE asset = @asset GROUP BY state", new { asset }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<AssetSummary>> SummariesAsync(CancellationToken cancellationToken)
    {
        var assets = await ListAssetsAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        var counts = (await connection.QueryAsync<(string Asset, string State, long Count)>(new CommandDefinition(
            "SELECT asset, state, COUNT(*) FROM asset_partitions GROUP BY asset, state", cancellationToken: cancellationToken)))
            .ToLookup(r => r.Asset, StringComparer.Ordinal);
        var summaries = new List<AssetSummary>(assets.Count);
        foreach (var asset in assets)
        {
            // Each an index range of one asset (asset_partitions_by_state): cheap however many partitions it has.
            var newest = await connection.QuerySingleOrDefaultAsync<(string Key, long? CreatedAt)?>(new CommandDefinition(
                """
                SELECT p.partition_key, m.created_at FROM asset_partitions p LEFT JOIN materializations m ON m.id = p.materialization_id
                WHERE p.asset = @asset AND p.state = @materialized ORDER BY p.partition_key DESC LIMIT 1
                """,
                new { asset = asset.Name, materialized = PartitionStates.Materialized }, cancellationToken: cancellationToken));
            var staleSince = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT MIN(updated_at) FROM asset_partitions WHERE asset = @asset AND state = @stale",
                new { asset = asset.Name, stale = PartitionStates.Stale }, cancellationToken: cancellationToken));
            summaries.Add(new AssetSummary(
                asset,
                counts[asset.Name].ToDictionary(c => c.State, c => c.Count, StringComparer.Ordinal),
                newest?.Key,
                newest?.CreatedAt is { } at ? UnixMs.To(at) : null,
                staleSince is { } since ? UnixMs.To(since) : null));
        }

        return summaries;
    }

    public async Task<PartitionPage> ListPartitionsAsync(PartitionQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, 1000);
        // Only the conditions asked for, so each query is one index range (the primary key, or the state index)
        // read newest key first and stopped at the limit: the same cost on page one and page thousand.
        var sql = new StringBuilder(PartitionRow.Select).Append(" WHERE p.asset = @Asset");
        if (query.State is not null)
        {
            sql.Append(" AND p.state = @State");
        }

        if (query.From is not null)
        {
            sql.Append(" AND p.partition_key >= @From");
        }

        if (query.To is not null)
        {
            sql.Append(" AND p.partition_key <= @To");
        }

        if (query.After is not null)
        {
            sql.Append(" AND p.partition_key < @After");
        }

        sql.Append(" ORDER BY p.partition_key DESC LIMIT @take");
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<PartitionRow, MaterializationRow?, PartitionView>(
            new CommandDefinition(sql.ToString(), new { query.Asset, query.State, query.From, query.To, query.After, take = limit + 1 }, cancellationToken: cancellationToken),
            PartitionRow.ToView,
            PartitionRow.SplitOn)).ToList();
        var page = rows.Take(limit).ToList();
        return new PartitionPage(page, rows.Count > limit ? page[^1].PartitionKey : null);
    }

    public async Task<PartitionView?> GetPartitionAsync(PartitionRef partition, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PartitionRow, MaterializationRow?, PartitionView>(
            new CommandDefinition(PartitionRow.Select + " WHERE p.asset = @Asset AND p.partition_key = @PartitionKey", partition, cancellationToken: cancellationToken),
            PartitionRow.ToView,
            PartitionRow.SplitOn);
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<Materialization>> HistoryAsync(PartitionRef partition, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MaterializationRow>(new CommandDefinition(
            $"SELECT {MaterializationRow.Columns} FROM materializations m WHERE m.asset = @Asset AND m.partition_key = @PartitionKey ORDER BY m.id DESC",
            partition, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<LineageInput>> UpstreamAsync(long materializationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var partitions = await connection.QueryAsync<InputRow, MaterializationRow?, LineageInput>(
            new CommandDefinition(
                $"""
                SELECT i.input_asset AS InputAsset, i.input_partition_key AS InputKey, i.input_sha256 AS InputSha256, {MaterializationRow.Columns}
                FROM materialization_inputs i LEFT JOIN materializations m ON m.id = i.input_materialization_id
                WHERE i.materialization_id = @materializationId AND i.input_asset IS NOT NULL ORDER BY i.input_asset, i.input_partition_key
                """, new { materializationId }, cancellationToken: cancellationToken),
            InputRow.ToLineage,
            PartitionRow.SplitOn);
        var files = await connection.QueryAsync<(string Path, string? Sha256)>(new CommandDefinition(
            "SELECT input_path, input_sha256 FROM materialization_inputs WHERE materialization_id = @materializationId AND input_path IS NOT NULL ORDER BY input_path",
            new { materializationId }, cancellationToken: cancellationToken));
        return [.. partitions, .. files.Select(f => new LineageInput(null, null, new FileInput(f.Path, f.Sha256)))];
    }

    public async Task<FileReaders> ReadersOfFileAsync(string sha256, int limit, CancellationToken cancellationToken)
    {
        // The partial index on input files' hashes finds the readers' materializations; each partition shows one.
        const string Readers = "p.materialization_id IN (SELECT materialization_id FROM materialization_inputs WHERE input_path IS NOT NULL AND input_sha256 = @sha256)";
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PartitionRow, MaterializationRow?, PartitionView>(
            new CommandDefinition(
                $"{PartitionRow.Select} WHERE {Readers} ORDER BY p.partition_key DESC, p.asset LIMIT @take",
                new { sha256, take = Math.Clamp(limit, 0, 1000) }, cancellationToken: cancellationToken),
            PartitionRow.ToView,
            PartitionRow.SplitOn);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM asset_partitions p WHERE {Readers}", new { sha256 }, cancellationToken: cancellationToken));
        return new FileReaders([.. rows], total);
    }

    public async Task<IReadOnlyList<Materialization>> DownstreamAsync(long materializationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MaterializationRow>(new CommandDefinition(
            $"""
            SELECT {MaterializationRow.Columns} FROM materialization_inputs i JOIN materializations m ON m.id = i.materialization_id
            WHERE i.input_materialization_id = @materializationId ORDER BY m.asset, m.partition_key, m.id
            """, new { materializationId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }
}
