using System.Data.Common;
using Dapper;

namespace Pipeline.Steps.Migrations;

/// <summary>
/// Applies the scripts a database has not yet applied, in order, and records each in a <see cref="VersionTable"/>
/// (version, name, SHA-256, applied_at); the scripts are the schema's only history. A database where an applied
/// script's checksum differs from the embedded one is refused before anything is changed. Migrators starting at
/// once are kept apart by a <see cref="MigrationLock"/>.
/// </summary>
public sealed class SchemaMigrator
{
    private readonly VersionTable _versionTable;
    private readonly MigrationLock _lock;
    private readonly string _endpoint;

    /// <param name="scripts">The schema's scripts (<see cref="MigrationScripts.Load"/>), in order.</param>
    /// <param name="versionTable">Where applied scripts are recorded.</param>
    /// <param name="migrationLock">How concurrent migrators of this schema wait for each other.</param>
    /// <param name="endpoint">The database as error messages name it (<c>host:port/database</c>, a file), never a password.</param>
    public SchemaMigrator(IReadOnlyList<MigrationScript> scripts, VersionTable versionTable, MigrationLock migrationLock, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(versionTable);
        ArgumentNullException.ThrowIfNull(migrationLock);
        Scripts = scripts;
        _versionTable = versionTable;
        _lock = migrationLock;
        _endpoint = endpoint;
    }

    /// <summary>The scripts, in order: what a fully migrated database has applied.</summary>
    public IReadOnlyList<MigrationScript> Scripts { get; }

    /// <summary>Applies the scripts not yet applied over the open <paramref name="connection"/>; returns them (empty when up to date).</summary>
    /// <exception cref="MigrationException">An applied script changed, or a script failed (nothing of it was applied).</exception>
    public Task<IReadOnlyList<MigrationScript>> MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _lock.RunAsync(connection, whole => ApplyPendingAsync(connection, whole, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyList<MigrationScript>> ApplyPendingAsync(DbConnection connection, DbTransaction? whole, CancellationToken cancellationToken)
    {
        // Under the lock: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a concurrent one.
        await _versionTable.CreateAsync(connection, whole, cancellationToken);
        var recorded = await _versionTable.ReadAsync(connection, whole, cancellationToken);

        // Every check before any change: a database that does not match the code gets nothing applied to it.
        foreach (var script in Scripts)
        {
            if (recorded.TryGetValue(script.Version, out var applied) && applied.Checksum != script.Checksum)
            {
                throw new MigrationException(
                    $"schema script {script.FileName} differs from the one applied to {_endpoint} as version {script.Version} " +
                    $"({applied.Name}, sha256 {Abbreviated(applied.Checksum)}, embedded {Abbreviated(script.Checksum)}): " +
                    "applied scripts must never change; add a new script instead");
            }
        }

        // Versions recorded that these scripts do not know come from newer code; they are left alone so that older
        // code still runs while a rolling deployment is under way.
        var pending = Scripts.Where(s => !recorded.ContainsKey(s.Version)).ToList();
        foreach (var script in pending)
        {
            await ApplyAsync(connection, whole, script, cancellationToken);
        }

        return pending;
    }

    private async Task ApplyAsync(DbConnection connection, DbTransaction? whole, MigrationScript script, CancellationToken cancellationToken)
    {
        var transaction = whole ?? await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            try
            {
                // No time limit (0): a script may build an index over a large table, whatever the connection's own limit.
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
            }
            catch (DbException e) when (e is { IsTransient: false, SqlState: not null })
            {
                // The server refused a statement (it has an SQLSTATE) and would again: the script is at fault.
                // Transient failures (connection lost, deadlock) go to the caller as they are, to be retried.
                throw new MigrationException($"schema script {script.FileName} failed on {_endpoint}: {e.Message}; nothing of it was applied", e);
            }

            await _versionTable.RecordAsync(connection, transaction, script, cancellationToken);
            if (whole is null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (whole is null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private static string Abbreviated(string checksum) => checksum.Length > 12 ? checksum[..12] + "..." : checksum;
}
