using System.Data.Common;
using Dapper;

namespace Pipeline.Steps.Migrations;

/// <summary>See <see cref="MigrationLock.PostgresAdvisory"/>.</summary>
internal sealed class PostgresAdvisoryLock(long key) : MigrationLock
{
    internal override async Task<T> RunAsync<T>(DbConnection connection, Func<DbTransaction?, Task<T>> migrate, CancellationToken cancellationToken)
    {
        // Without a time limit (0): another server may be migrating, which takes as long as it takes.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key }, commandTimeout: 0, cancellationToken: cancellationToken));
        try
        {
            return await migrate(null);
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    private async Task UnlockAsync(DbConnection connection)
    {
        try
        {
            // Closing the connection would release the lock too, but a pooled connection stays open.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key }, cancellationToken: CancellationToken.None));
        }
        catch (DbException)
        {
            // A broken connection is not pooled again, and the server drops its locks with it; the failure that
            // broke it is the one to report.
        }
    }
}
