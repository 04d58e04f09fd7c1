namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// A user of the server: a name, a role (<c>viewer</c>, <c>operator</c>, <c>editor</c>, <c>admin</c>), the password's
/// hash, and the security stamp, which changes whenever the user's sessions must end (password change, disabling).
/// </summary>
public sealed record UserAccount
{
    public required string Name { get; init; }

    public required string PasswordHash { get; init; }

    public required string Role { get; init; }

    public required string SecurityStamp { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    public DateTimeOffset? LastLoginAt { get; init; }

    public bool IsDisabled => DisabledAt is not null;
}
