namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// Where users, API keys, ended sessions and the session cookies' key ring are kept (the orchestrator's database
/// implements it, on SQLite or PostgreSQL).
/// </summary>
public interface IAccountStore
{
    Task<long> CountUsersAsync(CancellationToken cancellationToken);

    Task<UserAccount?> GetUserAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserAccount>> ListUsersAsync(CancellationToken cancellationToken);

    /// <summary>Adds the user; false when one of that name exists.</summary>
    Task<bool> CreateUserAsync(UserAccount user, CancellationToken cancellationToken);

    /// <summary>
    /// Creates <paramref name="user"/> only when there are no users at all (the first admin at start-up; several
    /// servers starting at once create one between them). False when users existed.
    /// </summary>
    Task<bool> CreateFirstUserAsync(UserAccount user, CancellationToken cancellationToken);

    Task<AccountChangeOutcome> ChangeUserAsync(string name, UserChange change, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the user and their keys, unless that leaves no enabled admin.</summary>
    Task<AccountChangeOutcome> DeleteUserAsync(string name, CancellationToken cancellationToken);

    Task RecordLoginAsync(string name, DateTimeOffset now, CancellationToken cancellationToken);

    Task CreateKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>The key with this SHA-256 and its user, revoked or expired or not (the caller decides).</summary>
    Task<(ApiKeyRecord Key, UserAccount User)?> FindKeyAsync(string keyHash, CancellationToken cancellationToken);

    /// <summary>Keys newest first: one user's, or everyone's when <paramref name="userName"/> is null.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string? userName, CancellationToken cancellationToken);

    Task<ApiKeyRecord?> GetKeyAsync(string id, CancellationToken cancellationToken);

    /// <summary>Revokes the key (a second revocation keeps the first time).</summary>
    Task RevokeKeyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    Task RecordKeyUseAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records the session as ended until <paramref name="expiresAt"/>, when no copy of its cookie is accepted any
    /// more anyway.
    /// </summary>
    Task RevokeSessionAsync(string sessionId, string userName, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task<bool> IsSessionRevokedAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The session cookies' Data Protection keys, as XML elements.</summary>
    Task<IReadOnlyList<string>> ReadKeyRingAsync(CancellationToken cancellationToken);

    Task AddToKeyRingAsync(string name, string xml, CancellationToken cancellationToken);
}
