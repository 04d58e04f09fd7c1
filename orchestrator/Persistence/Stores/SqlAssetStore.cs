using System.Data.Common;
using Dapper;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>
/// The partition catalog over either engine. Recording is one transaction: the new materializations, their
/// inputs, the partitions' states, and the partitions made from an earlier materialization of them turned stale.
/// </summary>
public sealed class SqlAssetStore : IAssetStore
{
    private readonly OrchestratorDatabase _database;

    internal SqlAssetStore(OrchestratorDatabase database) => _database = database;

    public Task<AssetRecord> EnsureAssetAsync(AssetRecord asset, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO assets (name, partitioning, time_zone, created_at) VALUES (@Name, @Partitioning, @TimeZone, @createdAt) ON CONFLICT DO NOTHING",
                new { asset.Name, asset.Partitioning, asset.TimeZone, createdAt = UnixMs.From(asset.CreatedAt) }, transaction, cancellationToken: cancellationToken));
            return await GetAssetAsync(connection, transaction, asset.Name, cancellationToken) ?? asset;
        }, cancellationToken);

    public async Task<IReadOnlyList<AssetRecord>> ListAssetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Name, string Partitioning, string? TimeZone, long CreatedAt)>(new CommandDefinition(
            "SELECT name, partitioning, time_zone, created_at FROM assets ORDER BY name", cancellationToken: cancellationToken));
        return [.. rows.Select(r => new AssetRecord(r.Name, r.Partitioning, r.TimeZone, UnixMs.To(r.CreatedAt)))];
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(string asset, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "SELECT state, COUNT(*) FROM asset_partitions WHERE asset = @asset GROUP BY state", new { asset }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal);
    }

    public Task<IReadOnlyList<Materialization>> RecordAsync(IReadOnlyList<NewMaterialization> written, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync<IReadOnlyList<Materialization>>(async (connection, transaction) =>
        {
            var recorded = new List<Materialization>(written.Count);
            foreach (var partition in written)
            {
                var inputs = new List<long>(partition.InputPartitions.Count);
                foreach (var input in partition.InputPartitions)
                {
                    inputs.Add(await CurrentMaterializationAsync(connection, transaction, input, cancellationToken)
                        ?? throw new ArgumentException($"input partition {input.Asset}/{input.PartitionKey} has never been materialized", nameof(written)));
                }

                var previous = await CurrentMaterializationAsync(connection, transaction, new PartitionRef(partition.Asset, partition.PartitionKey), cancellationToken);
                var row = await connection.QuerySingleAsync<MaterializationRow>(new CommandDefinition(
                    $"""
                    INSERT INTO materializations (asset, partition_key, run_id, step_id, attempt, program_version, row_count, content_sha256, created_at)
                    VALUES (@Asset, @PartitionKey, @RunId, @StepId, @Attempt, @ProgramVersion, @Rows, @ContentSha256, @now)
                    RETURNING {MaterializationRow.Returned}
                    """,
                    new { partition.Asset, partition.PartitionKey, partition.RunId, partition.StepId, partition.Attempt, partition.ProgramVersion, partition.Rows, partition.ContentSha256, now = UnixMs.From(now) },
                    transaction, cancellationToken: cancellationToken));
                foreach (var input in inputs)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO materialization_inputs (materialization_id, input_materialization_id) VALUES (@id, @input)",
                        new { id = row.Id, input }, transaction, cancellationToken: cancellationToken));
                }

                foreach (var file in partition.InputFiles)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO materialization_inputs (materialization_id, input_path, input_sha256) VALUES (@id, @Path, @Sha256)",
                        new { id = row.Id, file.Path, file.Sha256 }, transaction, cancellationToken: cancellationToken));
                }

                await SetStateAsync(connection, transaction, new PartitionRef(partition.Asset, partition.PartitionKey), PartitionStates.Materialized, null, row.Id, now, cancellationToken);
                if (previous is { } replaced)
                {
                    await MarkDownstreamStaleAsync(connection, transaction, replaced, partition, now, cancellationToken);
                }

                recorded.Add(row.ToRecord());
            }

            return recorded;
        }, cancellationToken);

    public Task MarkAsync(PartitionRef partition, string state, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state is not (PartitionStates.Failed or PartitionStates.Missing or PartitionStates.Stale))
        {
            throw new ArgumentException($"a partition is marked failed, missing or stale, not '{state}'", nameof(state));
        }

        return _database.WriteAsync(async (connection, transaction) =>
        {
            var current = await CurrentMaterializationAsync(connection, transaction, partition, cancellationToken);
            await SetStateAsync(connection, transaction, partition, state, reason, current, now, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<PartitionPage> ListPartitionsAsync(PartitionQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, 1000);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // Keyset paging on the primary key: each page is an index range, however deep.
        var rows = (await connection.QueryAsync<PartitionRow>(new CommandDefinition(
            $"""
            {PartitionRow.Select}
            WHERE p.asset = @Asset
              AND (@State IS NULL OR p.state = @State)
              AND (@From IS NULL OR p.partition_key >= @From)
              AND (@To IS NULL OR p.partition_key <= @To)
              AND (@After IS NULL OR p.partition_key > @After)
            ORDER BY p.partition_key
            LIMIT @take
            """,
            new { query.Asset, query.State, query.From, query.To, query.After, take = limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var page = rows.Take(limit).Select(r => r.ToView()).ToList();
        return new PartitionPage(page, rows.Count > limit ? page[^1].PartitionKey : null);
    }

    public async Task<IReadOnlyList<LineageInput>> UpstreamAsync(long materializationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var partitions = await connection.QueryAsync<MaterializationRow>(new CommandDefinition(
            $"""
            SELECT {MaterializationRow.Columns} FROM materialization_inputs i JOIN materializations m ON m.id = i.input_materialization_id
            WHERE i.materialization_id = @materializationId ORDER BY m.asset, m.partition_key
            """, new { materializationId }, cancellationToken: cancellationToken));
        var files = await connection.QueryAsync<(string Path, string? Sha256)>(new CommandDefinition(
            "SELECT input_path, input_sha256 FROM materialization_inputs WHERE materialization_id = @materializationId AND input_path IS NOT NULL ORDER BY input_path",
            new { materializationId }, cancellationToken: cancellationToken));
        return [.. partitions.Select(p => new LineageInput(p.ToRecord(), null)), .. files.Select(f => new LineageInput(null, new FileInput(f.Path, f.Sha256)))];
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

    private static async Task<AssetRecord?> GetAssetAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string Partitioning, string? TimeZone, long CreatedAt)?>(new CommandDefinition(
            "SELECT name, partitioning, time_zone, created_at FROM assets WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken));
        return row is { } r ? new AssetRecord(r.Name, r.Partitioning, r.TimeZone, UnixMs.To(r.CreatedAt)) : null;
    }

    private static Task<long?> CurrentMaterializationAsync(DbConnection connection, DbTransaction transaction, PartitionRef partition, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT materialization_id FROM asset_partitions WHERE asset = @Asset AND partition_key = @PartitionKey",
            partition, transaction, cancellationToken: cancellationToken));

    private static Task<int> SetStateAsync(
        DbConnection connection, DbTransaction transaction, PartitionRef partition, string state, string? reason, long? materialization, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO asset_partitions (asset, partition_key, state, materialization_id, reason, updated_at)
            VALUES (@Asset, @PartitionKey, @state, @materialization, @reason, @now)
            ON CONFLICT (asset, partition_key) DO UPDATE
            SET state = excluded.state, materialization_id = excluded.materialization_id, reason = excluded.reason, updated_at = excluded.updated_at
            """,
            new { partition.Asset, partition.PartitionKey, state, materialization, reason, now = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Partitions whose current materialization read <paramref name="replaced"/> are out of date now that
    /// <paramref name="partition"/> is made again: exactly those become stale, saying which input changed.
    /// </summary>
    private static Task<int> MarkDownstreamStaleAsync(
        DbConnection connection, DbTransaction transaction, long replaced, NewMaterialization partition, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE asset_partitions SET state = @stale, reason = @reason, updated_at = @now
            WHERE state = @materialized
              AND materialization_id IN (SELECT materialization_id FROM materialization_inputs WHERE input_materialization_id = @replaced)
            """,
            new
            {
                stale = PartitionStates.Stale,
                materialized = PartitionStates.Materialized,
                reason = $"input {partition.Asset}/{partition.PartitionKey} was materialized again",
                now = UnixMs.From(now),
                replaced,
            },
            transaction, cancellationToken: cancellationToken));
}
