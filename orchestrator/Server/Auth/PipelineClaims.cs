using System.Security.Claims;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// The principal of a signed-in user or an API key: the user's name (also as the name identifier, which antiforgery
/// tokens are bound to), a role claim for the role and each below it, how the request signed in, and for sessions
/// the user's security stamp and the session's own id, both checked on every request.
/// </summary>
public static class PipelineClaims
{
    public const string Session = "session";
    public const string ApiKey = "api-key";

    private const string Via = "pipeline:via";
    private const string Stamp = "pipeline:stamp";
    private const string KeyId = "pipeline:key";
    private const string SessionIdClaim = "pipeline:session";

    /// <summary>
    /// A session's principal: a new session gets a random id (<paramref name="sessionId"/> null), which signing out
    /// revokes; a session whose principal is only refreshed (a changed role) keeps its id.
    /// </summary>
    public static ClaimsPrincipal ForSession(UserAccount user, string authenticationType, string? sessionId = null) =>
        Principal(user.Name, user.Role, Session, authenticationType, new Claim(Stamp, user.SecurityStamp), new Claim(SessionIdClaim, sessionId ?? Stamps.New()));

    public static ClaimsPrincipal ForApiKey(ApiKeyRecord key, UserAccount user, string authenticationType) =>
        Principal(user.Name, Roles.Lower(key.Role, user.Role), ApiKey, authenticationType, new Claim(KeyId, key.Id));

    public static string UserName(this ClaimsPrincipal principal) => principal.Identity?.Name ?? "";

    /// <summary>The highest role the principal holds, or null when anonymous.</summary>
    public static string? Role(this ClaimsPrincipal principal) => Roles.All.LastOrDefault(principal.IsInRole);

    /// <summary><see cref="Session"/>, <see cref="ApiKey"/>, or null when anonymous.</summary>
    public static string? SignedInVia(this ClaimsPrincipal principal) => principal.FindFirst(Via)?.Value;

    public static string? SecurityStamp(this ClaimsPrincipal principal) => principal.FindFirst(Stamp)?.Value;

    /// <summary>The session's id; null for API keys, and for cookies made before sessions had ids.</summary>
    public static string? SessionId(this ClaimsPrincipal principal) => principal.FindFirst(SessionIdClaim)?.Value;

    private static ClaimsPrincipal Principal(string name, string role, string via, string authenticationType, params Claim[] extra)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, name), new(ClaimTypes.Name, name), new(Via, via) };
        claims.AddRange(extra);
        claims.AddRange(Roles.Implied(role).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
