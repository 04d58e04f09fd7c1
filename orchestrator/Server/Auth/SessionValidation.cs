using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// Checks a session cookie against the user on every request: a deleted or disabled user, a changed security stamp
/// (password changed elsewhere), or a session signed out of (its id in <c>revoked_sessions</c>, so a copy of the
/// cookie kept from before is refused too) ends the session at once; a changed role applies at once, without signing
/// in again. Two indexed reads per request are the price of that.
/// </summary>
internal sealed class SessionValidation(IAccountStore accounts) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var user = principal is null ? null : await accounts.GetUserAsync(principal.UserName(), context.HttpContext.RequestAborted);
        // A cookie without a session id was made before sessions had one: it cannot be signed out of, so it must sign in again.
        if (principal is null || user is null || user.IsDisabled || user.SecurityStamp != principal.SecurityStamp()
            || principal.SessionId() is not { } sessionId
            || await accounts.IsSessionRevokedAsync(sessionId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        if (user.Role != principal.Role())
        {
            context.ReplacePrincipal(PipelineClaims.ForSession(user, context.Scheme.Name, sessionId));
            context.ShouldRenew = true;
        }
    }

    // The API answers 401 and 403 itself (AuthorizationResponses); a cookie scheme's redirect to a login page would
    // turn them into 302s.
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
