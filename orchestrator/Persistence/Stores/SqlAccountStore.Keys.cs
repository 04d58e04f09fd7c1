using Dapper;
using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>API keys and the Data Protection key ring.</summary>
public sealed partial class SqlAccountStore
{
    public Task CreateKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (id, key_hash, prefix, name, user_name, role, created_at, expires_at)
            VALUES (@Id, @KeyHash, @Prefix, @Name, @UserName, @Role, @createdAt, @expiresAt)
            """,
            new { key.Id, key.KeyHash, key.Prefix, key.Name, key.UserName, key.Role, createdAt = UnixMs.From(key.CreatedAt), expiresAt = UnixMs.From(key.ExpiresAt) },
            transaction, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>The key with this SHA-256 and its user, revoked or expired or not (the caller decides).</summary>
    public async Task<(ApiKeyRecord Key, UserAccount User)?> FindKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var key = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(
            $"SELECT {ApiKeyRow.Columns} FROM api_keys WHERE key_hash = @keyHash", new { keyHash }, cancellationToken: cancellationToken));
        if (key is null)
        {
            return null;
        }

        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE name = @UserName", new { key.UserName }, cancellationToken: cancellationToken));
        return user is null ? null : (key.ToRecord(), user.ToAccount());
    }

    /// <summary>Keys newest first: one user's, or everyone's when <paramref name="userName"/> is null.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string? userName, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(
            $"SELECT {ApiKeyRow.Columns} FROM api_keys WHERE @userName IS NULL OR user_name = @userName ORDER BY created_at DESC, id",
            new { userName }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<ApiKeyRecord?> GetKeyAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(
            $"SELECT {ApiKeyRow.Columns} FROM api_keys WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>Revokes the key (a second revocation keeps the first time).</summary>
    public Task RevokeKeyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id", new { id, now = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    public Task RecordKeyUseAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET last_used_at = @now WHERE id = @id", new { id, now = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<string>> ReadKeyRingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition("SELECT xml FROM data_protection_keys ORDER BY name", cancellationToken: cancellationToken))];
    }

    public Task AddToKeyRingAsync(string name, string xml, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING",
            new { name, xml }, transaction, cancellationToken: cancellationToken)), cancellationToken);
}
