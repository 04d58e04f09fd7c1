using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Auth;

namespace Pipeline.Orchestrator.Api;

/// <summary>Signing in and out of the UI, who is signed in, and changing one's own password.</summary>
internal static class AuthApi
{
    private const string WrongCredentials = "wrong user name or password";

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Authentication");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(Http.RequestLimits.LoginPolicy).CarriesSecrets()
            .WithSummary("Sign in with a user name and password: sets the session cookie, returns the CSRF token");
        group.MapPost("/logout", LogoutAsync).WithSummary("End this browser session (a kept copy of its cookie stops working too)");
        group.MapGet("/me", Me).WithSummary("Who is signed in, with which role (and the session's CSRF token)").CarriesSecrets();
        group.MapPost("/password", ChangePasswordAsync).WithSummary("Change your own password (ends your other sessions)");
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, IAccountStore accounts, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = UserNames.Normalize(request.User ?? "");
        var user = UserNames.IsValid(name) ? await accounts.GetUserAsync(name, cancellationToken) : null;
        if (!Passwords.Verify(user?.PasswordHash, request.Password ?? "") || user is null)
        {
            return Unauthorized(WrongCredentials);
        }

        if (user.IsDisabled)
        {
            return Unauthorized($"the user '{user.Name}' is disabled; an admin can enable it");
        }

        await SignInAsync(context, user);
        await accounts.RecordLoginAsync(user.Name, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(View(context));
    }

    /// <summary>
    /// Ends this session on the server as well as in the browser: its id is revoked until any copy of the cookie would
    /// have expired (the idle timeout from now: a cookie is renewed at the latest now), so a replayed copy gets 401.
    /// The user's other sessions go on.
    /// </summary>
    private static async Task<NoContent> LogoutAsync(HttpContext context, IAccountStore accounts, AuthOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (context.User.SignedInVia() == PipelineClaims.Session && context.User.SessionId() is { } sessionId)
        {
            var now = time.GetUtcNow();
            await accounts.RevokeSessionAsync(sessionId, context.User.UserName(), now, now + options.SessionIdleTimeout, cancellationToken);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static SessionView Me(HttpContext context) => View(context);

    private static async Task<IResult> ChangePasswordAsync(PasswordChangeRequest request, HttpContext context, IAccountStore accounts, Passwords passwords, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.User.UserName(), cancellationToken);
        if (user is null || !Passwords.Verify(user.PasswordHash, request.Current ?? ""))
        {
            return ApiProblems.InvalidField("current", "the current password is wrong");
        }

        if (passwords.Problem(request.New) is { } problem)
        {
            return ApiProblems.InvalidField("new", problem);
        }

        var stamp = Stamps.New();
        await accounts.ChangeUserAsync(user.Name, new UserChange { PasswordHash = Passwords.Hash(request.New!), NewSecurityStamp = stamp }, time.GetUtcNow(), cancellationToken);
        if (context.User.SignedInVia() == PipelineClaims.Session)
        {
            // The new stamp ended every session of this user, this one too: it gets a new cookie, the others do not.
            await SignInAsync(context, user with { SecurityStamp = stamp });
        }

        return TypedResults.NoContent();
    }

    private static async Task SignInAsync(HttpContext context, UserAccount user)
    {
        var principal = PipelineClaims.ForSession(user, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // The antiforgery token is bound to the user: made for the principal just signed in, not the anonymous caller.
        context.User = principal;
    }

    private static SessionView View(HttpContext context) => new(
        context.User.UserName(),
        context.User.Role()!,
        context.User.SignedInVia()!,
        context.User.SignedInVia() == PipelineClaims.Session ? CsrfProtection.Token(context) : null);

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
