using System.Data.Common;

namespace Pipeline.Steps.Migrations;

/// <summary>
/// How migrators of one schema starting at once are kept apart, so each script is applied once: the first takes
/// the lock and applies what is missing, the others wait and then find nothing left to do.
/// </summary>
public abstract class MigrationLock
{
    private protected MigrationLock()
    {
    }

    /// <summary>
    /// A PostgreSQL session advisory lock on <paramref name="key"/>, held while each script commits in its own
    /// transaction; a different key per schema, so owners of different schemas in one database do not wait for each other.
    /// </summary>
    public static MigrationLock PostgresAdvisory(long key) => new PostgresAdvisoryLock(key);

    /// <summary>
    /// One transaction around the whole migration, begun by <paramref name="beginWrite"/> so that it excludes every
    /// other writer from its start (SQLite's <c>BEGIN IMMEDIATE</c>); the scripts commit together or not at all.
    /// </summary>
    public static MigrationLock WholeTransaction(Func<DbConnection, CancellationToken, Task<DbTransaction>> beginWrite)
    {
        ArgumentNullException.ThrowIfNull(beginWrite);
        return new WholeTransactionLock(beginWrite);
    }

    /// <summary>
    /// Runs <paramref name="migrate"/> under the lock with the transaction every script joins, or null when each
    /// script gets its own.
    /// </summary>
    internal abstract Task<T> RunAsync<T>(DbConnection connection, Func<DbTransaction?, Task<T>> migrate, CancellationToken cancellationToken);
}
