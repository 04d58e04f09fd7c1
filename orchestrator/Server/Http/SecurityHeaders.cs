namespace Pipeline.Orchestrator.Http;

/// <summary>
/// Browser protections on every response: a Content-Security-Policy that lets pages load only this server's own
/// scripts and styles and talk only to it, no framing (clickjacking), no MIME sniffing, no referrer. The UI has no
/// inline script or style sheet and no external resource, so it runs under the strict policy (its browser tests fail
/// on any violation); the API reference page (Scalar) configures itself inline and gets a policy that allows that.
/// </summary>
public static class SecurityHeaders
{
    private static readonly string Policy = PolicyWith(inline: "");

    private static readonly string ReferencePolicy = PolicyWith(inline: " 'unsafe-inline'");

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            // Set as the response starts, so that error pages (whose handler clears the headers) carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference") ? ReferencePolicy : Policy;
                headers.XFrameOptions = "DENY";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>The one policy, with <paramref name="inline"/> added to the script and style sources.</summary>
    private static string PolicyWith(string inline) =>
        $"default-src 'self'; script-src 'self'{inline}; style-src 'self'{inline}; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
