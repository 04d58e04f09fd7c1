using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// Refusals as problem details that say what to do: 401 says how to sign in (and why a key was not accepted); 403
/// names the role the endpoint needs and the one the caller has.
/// </summary>
internal sealed class AuthorizationResponses : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var failure = ApiKeyAuthenticationHandler.FailureOf(context);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(
                    failure ?? "sign in (POST /api/auth/login) or send an API key (Authorization: Bearer <key>)",
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Unauthorized")
                .ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var needed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles).FirstOrDefault();
            var detail = needed is null
                ? "you may not do this"
                : $"this needs the {needed} role; {context.User.UserName()} is {Article(context.User.Role())}";
            await Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static string Article(string? role) => role switch
    {
        null => "not signed in",
        Roles.Admin or Roles.Editor or Roles.Operator => $"an {role}",
        _ => $"a {role}",
    };
}
