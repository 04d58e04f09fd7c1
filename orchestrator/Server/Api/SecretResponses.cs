namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Answers that carry a secret (a new API key, a session's CSRF token) must not be kept by a browser's or a proxy's
/// cache, where the next user of the machine or the proxy's other clients could read them: <c>Cache-Control:
/// no-store</c>, and <c>Pragma: no-cache</c> for HTTP/1.0 caches.
/// </summary>
internal static class SecretResponses
{
    public static TBuilder CarriesSecrets<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return await next(context);
        });
}
