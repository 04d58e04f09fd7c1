using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Api;

/// <summary><c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string? User, string? Password);

/// <summary>Who is signed in, how, and (for a browser session) the token its changing requests must carry.</summary>
public sealed record SessionView(string User, string Role, string Via, string? CsrfToken);

/// <summary><c>POST /api/auth/password</c>.</summary>
public sealed record PasswordChangeRequest(string? Current, string? New);

public sealed record UserView(string Name, string Role, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LastLoginAt)
{
    public static UserView Of(UserAccount user) => new(user.Name, user.Role, user.IsDisabled, user.CreatedAt, user.DisabledAt, user.LastLoginAt);
}

/// <summary><c>POST /api/users</c>.</summary>
public sealed record UserCreateRequest(string? Name, string? Role, string? Password);

/// <summary><c>PATCH /api/users/{name}</c>: what to change; absent fields stay.</summary>
public sealed record UserPatchRequest(string? Role, string? Password, bool? Disabled);

public record ApiKeyView(
    string Id, string Name, string User, string Role, string Prefix,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView Of(ApiKeyRecord key) =>
        new(key.Id, key.Name, key.UserName, key.Role, key.Prefix, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.RevokedAt);
}

/// <summary>A key just made, with its secret: the only response that ever holds it.</summary>
public sealed record ApiKeyCreatedView : ApiKeyView
{
    public ApiKeyCreatedView(ApiKeyRecord key, string secret)
        : base(key.Id, key.Name, key.UserName, key.Role, key.Prefix, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.RevokedAt) =>
        Secret = secret;

    public string Secret { get; }
}

/// <summary><c>POST /api/keys</c>.</summary>
public sealed record ApiKeyCreateRequest(string? Name, string? Role, int? ExpiresInDays);
