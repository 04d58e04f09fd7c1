using System.Data.Common;
using Dapper;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Persistence.Migrations;

/// <summary>
/// Applies the embedded scripts not yet recorded in <c>schema_version</c> (version, name, SHA-256, applied_at), in
/// order, and refuses to touch a database where an applied script's checksum differs from the embedded one.
/// Several servers may start at once: PostgreSQL serialises them with a session advisory lock, SQLite with one
/// <c>BEGIN IMMEDIATE</c> transaction around the whole migration; the later ones find nothing left to do.
/// </summary>
public sealed class SchemaMigrator
{
    // "pipeline-orchestrator-schema" as a number: the advisory lock only migrators of this schema take.
    private const long LockKey = 0x5069_7065_4f72_6368;

    private readonly OrchestratorDatabase _database;
    private readonly TimeProvider _time;

    public SchemaMigrator(OrchestratorDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        Scripts = MigrationScript.Load(database.Dialect);
    }

    public IReadOnlyList<MigrationScript> Scripts { get; }

    /// <summary>Applies what is missing and returns the versions applied (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        if (_database.Dialect.IsSqlite)
        {
            await using var transaction = await _database.Dialect.BeginWriteAsync(connection, cancellationToken);
            var applied = await ApplyPendingAsync(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return applied;
        }

        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken));
        try
        {
            return await ApplyPendingAsync(connection, null, cancellationToken);
        }
        finally
        {
            // A pooled connection stays open, so the session lock must be released by hand.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<IReadOnlyList<int>> ApplyPendingAsync(DbConnection connection, DbTransaction? outer, CancellationToken cancellationToken)
    {
        // Under the lock: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent one.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    bigint NOT NULL PRIMARY KEY,
                name       text   NOT NULL,
                checksum   text   NOT NULL,
                applied_at bigint NOT NULL
            )
            """, transaction: outer, cancellationToken: cancellationToken));
        var recorded = (await connection.QueryAsync<(long Version, string Name, string Checksum)>(new CommandDefinition(
            "SELECT version, name, checksum FROM schema_version", transaction: outer, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Version);

        // Every check before any change: a database that does not match the code gets nothing applied to it.
        foreach (var script in Scripts)
        {
            if (recorded.TryGetValue(script.Version, out var applied) && applied.Checksum != script.Checksum)
            {
                throw new OrchestratorStoreException(
                    $"migration {script.Version:D4}_{script.Name}.sql differs from the one applied to {_database.Endpoint} " +
                    $"(sha256 {applied.Checksum[..Math.Min(12, applied.Checksum.Length)]}..., embedded {script.Checksum[..12]}...): " +
                    "applied scripts must never change; add a new script instead");
            }
        }

        // Versions this code does not know come from newer code and are left alone (rolling deployments).
        var done = new List<int>();
        foreach (var script in Scripts.Where(s => !recorded.ContainsKey(s.Version)))
        {
            var transaction = outer ?? await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
                    new { Version = (long)script.Version, script.Name, script.Checksum, AppliedAt = _time.GetUtcNow().ToUnixTimeMilliseconds() },
                    transaction, cancellationToken: cancellationToken));
                if (outer is null)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                if (outer is null)
                {
                    await transaction.DisposeAsync();
                }
            }

            done.Add(script.Version);
        }

        return done;
    }
}
