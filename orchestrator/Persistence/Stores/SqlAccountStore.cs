using Dapper;
using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>
/// Users and API keys (and the session cookies' key ring), over either engine.
/// Changes that could leave the server without an enabled admin are checked inside the writing transaction, so two
/// admins demoting each other at once cannot both succeed.
/// </summary>
public sealed partial class SqlAccountStore : IAccountStore
{
    private readonly OrchestratorDatabase _database;

    internal SqlAccountStore(OrchestratorDatabase database) => _database = database;

    public async Task<long> CountUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: cancellationToken));
    }

    public async Task<UserAccount?> GetUserAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE name = @name", new { name }, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users ORDER BY name", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAccount())];
    }

    /// <summary>Adds the user; false when one of that name exists.</summary>
    public Task<bool> CreateUserAsync(UserAccount user, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (name, password_hash, role, security_stamp, created_at, disabled_at)
            VALUES (@Name, @PasswordHash, @Role, @SecurityStamp, @createdAt, @disabledAt)
            ON CONFLICT (name) DO NOTHING
            """,
            new { user.Name, user.PasswordHash, user.Role, user.SecurityStamp, createdAt = UnixMs.From(user.CreatedAt), disabledAt = UnixMs.From(user.DisabledAt) },
            transaction, cancellationToken: cancellationToken)) == 1, cancellationToken);

    /// <summary>
    /// Creates <paramref name="user"/> only when there are no users at all (the first admin at start-up; several
    /// servers starting at once create one between them). False when users existed.
    /// </summary>
    public Task<bool> CreateFirstUserAsync(UserAccount user, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await _database.Dialect.LockAsync(connection, transaction, AccountsLockKey, cancellationToken);
            var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", transaction: transaction, cancellationToken: cancellationToken));
            if (count > 0)
            {
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO users (name, password_hash, role, security_stamp, created_at) VALUES (@Name, @PasswordHash, @Role, @SecurityStamp, @createdAt)",
                new { user.Name, user.PasswordHash, user.Role, user.SecurityStamp, createdAt = UnixMs.From(user.CreatedAt) },
                transaction, cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);

    public Task<AccountChangeOutcome> ChangeUserAsync(string name, UserChange change, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            var user = await LockUserAsync(connection, transaction, name, cancellationToken);
            if (user is null)
            {
                return AccountChangeOutcome.NotFound;
            }

            if (change.RemovesAdmin(user) && await OtherEnabledAdminsAsync(connection, transaction, name, cancellationToken) == 0)
            {
                return AccountChangeOutcome.LastAdmin;
            }

            var endsSessions = change.PasswordHash is not null || change.Disabled == true;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE users SET
                    role = COALESCE(@Role, role),
                    password_hash = COALESCE(@PasswordHash, password_hash),
                    disabled_at = CASE WHEN @disable THEN COALESCE(disabled_at, @now) WHEN @enable THEN NULL ELSE disabled_at END,
                    security_stamp = CASE WHEN @endsSessions THEN @NewSecurityStamp ELSE security_stamp END
                WHERE name = @name
                """,
                new { change.Role, change.PasswordHash, change.NewSecurityStamp, disable = change.Disabled == true, enable = change.Disabled == false, endsSessions, now = UnixMs.From(now), name },
                transaction, cancellationToken: cancellationToken));
            return AccountChangeOutcome.Done;
        }, cancellationToken);

    /// <summary>Deletes the user and their keys, unless that leaves no enabled admin.</summary>
    public Task<AccountChangeOutcome> DeleteUserAsync(string name, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            var user = await LockUserAsync(connection, transaction, name, cancellationToken);
            if (user is null)
            {
                return AccountChangeOutcome.NotFound;
            }

            if (user.Role == "admin" && !user.IsDisabled && await OtherEnabledAdminsAsync(connection, transaction, name, cancellationToken) == 0)
            {
                return AccountChangeOutcome.LastAdmin;
            }

            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM api_keys WHERE user_name = @name", new { name }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken));
            return AccountChangeOutcome.Done;
        }, cancellationToken);

    public Task RecordLoginAsync(string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET last_login_at = @now WHERE name = @name", new { name, now = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    // Admin changes lock every admin row they count (PostgreSQL), so concurrent demotions serialise; SQLite's write
    // transaction already does.
    private const long AccountsLockKey = 0x5049_5045_5553_5253; // "PIPEUSRS"

    private async Task<UserAccount?> LockUserAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await _database.Dialect.LockAsync(connection, transaction, AccountsLockKey, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserRow.Columns} FROM users WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken));
        return row?.ToAccount();
    }

    private static Task<long> OtherEnabledAdminsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string name, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND name <> @name", new { name }, transaction, cancellationToken: cancellationToken));
}
