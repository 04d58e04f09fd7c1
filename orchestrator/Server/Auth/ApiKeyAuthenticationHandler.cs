using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// Signs a request in with an API key sent as <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.
/// A revoked or expired key, or one whose user is disabled, fails with a message that says which; the key acts with
/// the lower of its own role and its user's current one.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccountStore accounts,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    // Last use is recorded at most this often per key: a busy script should not turn every read into a write.
    private static readonly TimeSpan UseRecordingInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether this handler takes the request rather than the session cookie: it carries a key, or its endpoint is
    /// open to all (health probes, the UI's pages, sign-in), which then need no database read to say who is asking —
    /// /readyz must answer while the database is down.
    /// </summary>
    public static bool Handles(HttpContext context) => Secret(context.Request) is not null || IsOpenToAll(context);

    /// <summary>Why the request's key was not accepted, for the 401 (ASP.NET keeps only successful results).</summary>
    public static string? FailureOf(HttpContext context) => context.Items[FailureKey] as string;

    private const string FailureKey = "pipeline.api-key-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await AuthenticateKeyAsync();
        if (result.Failure is { } failure)
        {
            Context.Items[FailureKey] = failure.Message;
        }

        return result;
    }

    private async Task<AuthenticateResult> AuthenticateKeyAsync()
    {
        if (Secret(Request) is not { } secret || IsOpenToAll(Context))
        {
            return AuthenticateResult.NoResult();
        }

        var found = await accounts.FindKeyAsync(ApiKeySecrets.Hash(secret), Context.RequestAborted);
        if (found is not var (key, user))
        {
            return AuthenticateResult.Fail("the API key is not known to this server");
        }

        var now = time.GetUtcNow();
        if (key.RevokedAt is { } revoked)
        {
            return AuthenticateResult.Fail($"the API key '{key.Name}' was revoked at {revoked.ToString("u", CultureInfo.InvariantCulture)}");
        }

        if (key.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail($"the API key '{key.Name}' expired at {key.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}");
        }

        if (user.IsDisabled)
        {
            return AuthenticateResult.Fail($"the user '{user.Name}' of this API key is disabled");
        }

        if (key.LastUsedAt is not { } used || now - used >= UseRecordingInterval)
        {
            await accounts.RecordKeyUseAsync(key.Id, now, Context.RequestAborted);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(PipelineClaims.ForApiKey(key, user, SchemeName), SchemeName));
    }

    private static bool IsOpenToAll(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;

    private static string? Secret(HttpRequest request)
    {
        if (request.Headers[Header] is [{ Length: > 0 } header])
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;
    }
}
