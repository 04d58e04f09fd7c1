using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>An <c>api_keys</c> row as stored.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record ApiKeyRow
{
    public const string Columns =
        "id AS Id, key_hash AS KeyHash, prefix AS Prefix, name AS Name, user_name AS UserName, role AS Role, created_at AS CreatedAt, expires_at AS ExpiresAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt";

    public string Id { get; set; } = "";

    public string KeyHash { get; set; } = "";

    public string Prefix { get; set; } = "";

    public string Name { get; set; } = "";

    public string UserName { get; set; } = "";

    public string Role { get; set; } = "";

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    public long? LastUsedAt { get; set; }

    public long? RevokedAt { get; set; }

    public ApiKeyRecord ToRecord() => new()
    {
        Id = Id,
        KeyHash = KeyHash,
        Prefix = Prefix,
        Name = Name,
        UserName = UserName,
        Role = Role,
        CreatedAt = UnixMs.To(CreatedAt),
        ExpiresAt = UnixMs.To(ExpiresAt),
        LastUsedAt = UnixMs.To(LastUsedAt),
        RevokedAt = UnixMs.To(RevokedAt),
    };
}
