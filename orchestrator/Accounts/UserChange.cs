namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// What to change about a user; null leaves a field as it is. A new password hash or disabling also gives the user a
/// new security stamp, which ends their sessions.
/// </summary>
public sealed record UserChange
{
    public string? Role { get; init; }

    public string? PasswordHash { get; init; }

    /// <summary>True disables (from now), false enables.</summary>
    public bool? Disabled { get; init; }

    public required string NewSecurityStamp { get; init; }

    /// <summary>Whether the change could leave the server without an enabled admin.</summary>
    public bool RemovesAdmin(UserAccount user) =>
        user.Role == "admin" && !user.IsDisabled && ((Role is not null && Role != "admin") || Disabled == true);
}
