using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Pipeline.Orchestrator.Persistence;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// Checks a session cookie against the user on every request: a deleted or disabled user, or a changed security
/// stamp (password changed elsewhere), ends the session at once; a changed role applies at once, without signing in
/// again. One indexed read per request is the price of that.
/// </summary>
internal sealed class SessionValidation(OrchestratorDatabase database) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var user = principal is null ? null : await database.Accounts.GetUserAsync(principal.UserName(), context.HttpContext.RequestAborted);
        if (principal is null || user is null || user.IsDisabled || user.SecurityStamp != principal.SecurityStamp())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        if (user.Role != principal.Role())
        {
            context.ReplacePrincipal(PipelineClaims.ForSession(user, context.Scheme.Name));
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
