using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A <c>users</c> row as stored.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record UserRow
{
    public const string Columns =
        "name AS Name, password_hash AS PasswordHash, role AS Role, security_stamp AS SecurityStamp, created_at AS CreatedAt, disabled_at AS DisabledAt, last_login_at AS LastLoginAt";

    public string Name { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public string Role { get; set; } = "";

    public string SecurityStamp { get; set; } = "";

    public long CreatedAt { get; set; }

    public long? DisabledAt { get; set; }

    public long? LastLoginAt { get; set; }

    public UserAccount ToAccount() => new()
    {
        Name = Name,
        PasswordHash = PasswordHash,
        Role = Role,
        SecurityStamp = SecurityStamp,
        CreatedAt = UnixMs.To(CreatedAt),
        DisabledAt = UnixMs.To(DisabledAt),
        LastLoginAt = UnixMs.To(LastLoginAt),
    };
}
