using System.Data.Common;
using Dapper;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>
/// The partition catalog over either engine. Recording is one transaction and compares content hashes: the same
/// content recorded again changes nothing (a retried step, a manifest read twice), new content is a new
/// materialization, and exactly the partitions that read other content of it turn stale.
/// </summary>
public sealed partial class SqlAssetStore : IAssetStore
{
    private readonly OrchestratorDatabase _database;

    internal SqlAssetStore(OrchestratorDatabase database) => _database = database;

    public Task<AssetRecord> EnsureAssetAsync(AssetRecord asset, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO assets (name, partitioning, time_zone, folder, created_at) VALUES (@Name, @Partitioning, @TimeZone, @Folder, @createdAt) ON CONFLICT DO NOTHING",
                new { asset.Name, asset.Partitioning, asset.TimeZone, asset.Folder, createdAt = UnixMs.From(asset.CreatedAt) }, transaction, cancellationToken: cancellationToken));
            return await GetAssetAsync(connection, transaction, asset.Name, cancellationToken) ?? asset;
        }, cancellationToken);

    public Task<IReadOnlyList<RecordOutcome>> RecordAsync(IReadOnlyList<NewMaterialization> written, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync<IReadOnlyList<RecordOutcome>>(async (connection, transaction) =>
        {
            var outcomes = new List<RecordOutcome>(written.Count);
            foreach (var partition in written)
            {
                outcomes.Add(await RecordOneAsync(connection, transaction, partition, now, cancellationToken));
            }

            return outcomes;
        }, cancellationToken);

    public Task MarkAsync(PartitionRef partition, string state, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (state is not (PartitionStates.Failed or PartitionStates.Missing or PartitionStates.Stale))
        {
            throw new ArgumentException($"a partition is marked failed, missing or stale, not '{state}'", nameof(state));
        }

        return _database.WriteAsync(async (connection, transaction) =>
        {
            var current = await CurrentAsync(connection, transaction, partition, cancellationToken);
            await SetStateAsync(connection, transaction, partition, state, reason, current?.MaterializationId, now, cancellationToken);
            return true;
        }, cancellationToken);
    }

    private static async Task<RecordOutcome> RecordOneAsync(
        DbConnection connection, DbTransaction transaction, NewMaterialization partition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var self = new PartitionRef(partition.Asset, partition.PartitionKey);
        var current = await CurrentAsync(connection, transaction, self, cancellationToken);
        if (current is { State: PartitionStates.Materialized, MaterializationId: { } currentId }
            && partition.ContentSha256 is not null && current.ContentSha256 == partition.ContentSha256)
        {
            return new RecordOutcome(await MaterializationAsync(connection, transaction, currentId, cancellationToken), Created: false, MadeStale: 0);
        }

        var row = await connection.QuerySingleAsync<MaterializationRow>(new CommandDefinition(
            $"""
            INSERT INTO materializations (asset, partition_key, run_id, step_id, attempt, program_version, image_digest, row_count, content_sha256, created_at)
            VALUES (@Asset, @PartitionKey, @RunId, @StepId, @Attempt, @ProgramVersion, @ImageDigest, @Rows, @ContentSha256, @now)
            RETURNING {MaterializationRow.Returned}
            """,
            new { partition.Asset, partition.PartitionKey, partition.RunId, partition.StepId, partition.Attempt, partition.ProgramVersion, partition.ImageDigest, partition.Rows, partition.ContentSha256, now = UnixMs.From(now) },
            transaction, cancellationToken: cancellationToken));
        foreach (var input in partition.InputPartitions)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO materialization_inputs (materialization_id, input_asset, input_partition_key, input_materialization_id, input_sha256)
                VALUES (@id, @Asset, @PartitionKey, (
                    SELECT m.id FROM materializations m
                    WHERE m.asset = @Asset AND m.partition_key = @PartitionKey
                      AND (m.content_sha256 = @Sha256 OR (@Sha256 IS NULL AND m.id = (SELECT materialization_id FROM asset_partitions WHERE asset = @Asset AND partition_key = @PartitionKey)))
                    ORDER BY m.id DESC LIMIT 1), @Sha256)
                """,
                new { id = row.Id, input.Asset, input.PartitionKey, input.Sha256 }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var file in partition.InputFiles)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO materialization_inputs (materialization_id, input_path, input_sha256) VALUES (@id, @Path, @Sha256)",
                new { id = row.Id, file.Path, file.Sha256 }, transaction, cancellationToken: cancellationToken));
        }

        await SetStateAsync(connection, transaction, self, PartitionStates.Materialized, null, row.Id, now, cancellationToken);
        if (partition.ContentSha256 is not null)
        {
            // Readers recorded before this content was (another step's manifest read first) now name it in lineage.
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE materialization_inputs SET input_materialization_id = @id
                WHERE input_asset = @Asset AND input_partition_key = @PartitionKey AND input_sha256 = @ContentSha256 AND input_materialization_id IS NULL
                """,
                new { id = row.Id, partition.Asset, partition.PartitionKey, partition.ContentSha256 }, transaction, cancellationToken: cancellationToken));
        }

        var stale = await MarkReadersStaleAsync(connection, transaction, partition, now, cancellationToken);
        return new RecordOutcome(row.ToRecord(), Created: true, MadeStale: stale);
    }

    /// <summary>
    /// Partitions whose current materialization read other content of <paramref name="partition"/> (another hash, or
    /// one not known) are out of date now: exactly those become stale, saying which input changed. A reader of the
    /// same content stays materialized, so writing a partition again with equal bytes makes nothing stale.
    /// </summary>
    private static Task<int> MarkReadersStaleAsync(
        DbConnection connection, DbTransaction transaction, NewMaterialization partition, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE asset_partitions SET state = @stale, reason = @reason, updated_at = @now
            WHERE state = @materialized
              AND materialization_id IN (
                  SELECT materialization_id FROM materialization_inputs
                  WHERE input_asset = @Asset AND input_partition_key = @PartitionKey
                    AND (@ContentSha256 IS NULL OR input_sha256 IS NULL OR input_sha256 <> @ContentSha256))
            """,
            new
            {
                stale = PartitionStates.Stale,
                materialized = PartitionStates.Materialized,
                reason = $"input {partition.Asset}/{partition.PartitionKey} was materialized again",
                now = UnixMs.From(now),
                partition.Asset,
                partition.PartitionKey,
                partition.ContentSha256,
            },
            transaction, cancellationToken: cancellationToken));

    private static async Task<AssetRecord?> GetAssetAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Name, string Partitioning, string? TimeZone, long CreatedAt, string? Folder)?>(new CommandDefinition(
            "SELECT name, partitioning, time_zone, created_at, folder FROM assets WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken));
        return row is { } r ? new AssetRecord(r.Name, r.Partitioning, r.TimeZone, UnixMs.To(r.CreatedAt), r.Folder) : null;
    }

    private static Task<CurrentPartition?> CurrentAsync(DbConnection connection, DbTransaction transaction, PartitionRef partition, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<CurrentPartition?>(new CommandDefinition(
            """
            SELECT p.state AS State, p.materialization_id AS MaterializationId, m.content_sha256 AS ContentSha256
            FROM asset_partitions p LEFT JOIN materializations m ON m.id = p.materialization_id
            WHERE p.asset = @Asset AND p.partition_key = @PartitionKey
            """,
            partition, transaction, cancellationToken: cancellationToken));

    private static async Task<Materialization> MaterializationAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken) =>
        (await connection.QuerySingleAsync<MaterializationRow>(new CommandDefinition(
            $"SELECT {MaterializationRow.Columns} FROM materializations m WHERE m.id = @id", new { id }, transaction, cancellationToken: cancellationToken))).ToRecord();

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
}
