using System.Data.Common;

namespace Pipeline.Steps.Migrations;

/// <summary>See <see cref="MigrationLock.WholeTransaction"/>.</summary>
internal sealed class WholeTransactionLock(Func<DbConnection, CancellationToken, Task<DbTransaction>> beginWrite) : MigrationLock
{
    internal override async Task<T> RunAsync<T>(DbConnection connection, Func<DbTransaction?, Task<T>> migrate, CancellationToken cancellationToken)
    {
        await using var transaction = await beginWrite(connection, cancellationToken);
        var result = await migrate(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
