namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// An API key as stored: its SHA-256 (never the secret), the secret's first characters to tell keys apart, whose it
/// is and the role it acts with (at most its user's), and when it expires or was revoked.
/// </summary>
public sealed record ApiKeyRecord
{
    public required string Id { get; init; }

    public required string KeyHash { get; init; }

    public required string Prefix { get; init; }

    public required string Name { get; init; }

    public required string UserName { get; init; }

    public required string Role { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether the key lets its holder in at <paramref name="now"/>: not revoked, not expired.</summary>
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
