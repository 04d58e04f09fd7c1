using Microsoft.AspNetCore.Antiforgery;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// A browser sends the session cookie with any request, including one a foreign page makes it send; so a request that
/// changes something and is signed in by the cookie must also carry the antiforgery token (header
/// <c>X-CSRF-Token</c>, from sign-in or <c>GET /api/auth/me</c>), which a foreign page cannot read. API keys are not
/// sent by browsers on their own and need no token.
/// </summary>
internal static class CsrfProtection
{
    public const string HeaderName = "X-CSRF-Token";

    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsSafe(context.Request.Method) && context.User.SignedInVia() == PipelineClaims.Session)
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await Results.Problem(
                        $"a signed-in browser request that changes something must carry the {HeaderName} header from sign-in or GET /api/auth/me",
                        statusCode: StatusCodes.Status403Forbidden,
                        title: "CSRF token missing or invalid")
                    .ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });

    /// <summary>The request token for the signed-in user; also sets the antiforgery cookie it is checked against.</summary>
    public static string Token(HttpContext context) =>
        context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
