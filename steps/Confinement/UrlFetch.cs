using System.Net;

namespace Pipeline.Steps.Confinement;

/// <summary>
/// A GET of a user-given URL that follows redirects itself, to http and https only and at most
/// <see cref="MaxRedirects"/> times, each new connection checked by the client's handler
/// (<see cref="PublicAddresses.Handler"/>).
/// </summary>
public static class UrlFetch
{
    public const int MaxRedirects = 5;

    /// <summary>The final response, headers read; the caller reads and disposes it (any status, redirects followed).</summary>
    /// <exception cref="RedirectRefusedException">A redirect leads out of http(s), or there are too many.</exception>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(url);
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            var response = await client.GetAsync(current, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            {
                throw new RedirectRefusedException($"{current} redirects to {next}, which is not an http or https URL");
            }

            if (redirects == MaxRedirects)
            {
                throw new RedirectRefusedException($"{url} redirects more than {MaxRedirects} times");
            }

            current = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
