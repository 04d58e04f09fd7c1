using Dapper;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>Browser sessions ended before their cookies expire (signed out).</summary>
public sealed partial class SqlAccountStore
{
    /// <summary>
    /// Records the session as ended until <paramref name="expiresAt"/>, when no copy of its cookie is accepted any
    /// more anyway; rows of sessions past that are deleted on the way.
    /// </summary>
    public Task RevokeSessionAsync(string sessionId, string userName, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM revoked_sessions WHERE expires_at < @now", new { now = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken));
            return await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO revoked_sessions (id, user_name, revoked_at, expires_at) VALUES (@sessionId, @userName, @now, @expiresAt)
                ON CONFLICT (id) DO NOTHING
                """,
                new { sessionId, userName, now = UnixMs.From(now), expiresAt = UnixMs.From(expiresAt) },
                transaction, cancellationToken: cancellationToken));
        }, cancellationToken);

    public async Task<bool> IsSessionRevokedAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM revoked_sessions WHERE id = @sessionId", new { sessionId }, cancellationToken: cancellationToken)) > 0;
    }
}
