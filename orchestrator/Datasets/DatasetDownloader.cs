using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// Fetches a dataset registered by URL, streamed (never buffered whole). Unless
/// <see cref="DatasetsOptions.AllowPrivateUrls"/>, every connection (redirects included) is checked on the address it
/// actually connects to (<see cref="PublicAddresses"/>), so neither a name that resolves to 127.0.0.1 nor a redirect
/// to a private address reaches services inside the server's network.
/// </summary>
public sealed class DatasetDownloader : IDisposable
{
    private const string AllowedBy = "Datasets:AllowPrivateUrls";
    private readonly HttpClient _http;

    public DatasetDownloader(DatasetsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // No client timeout: the caller's token limits the whole download, body included (Datasets:DownloadTimeout).
        _http = new HttpClient(PublicAddresses.Handler(options.AllowPrivateUrls, AllowedBy)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The response to a GET of <paramref name="url"/>, headers read; the caller reads and disposes it.</summary>
    /// <exception cref="DatasetDownloadException">The URL cannot be fetched; the message says why.</exception>
    public async Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await UrlFetch.GetAsync(_http, url, cancellationToken);
        }
        catch (RedirectRefusedException e)
        {
            throw new DatasetDownloadException(e.Message, e) { Refused = true };
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateAddressException refused)
        {
            throw new DatasetDownloadException($"{url}: {refused.Message}", e) { Refused = true };
        }
        catch (HttpRequestException e)
        {
            throw new DatasetDownloadException($"cannot fetch {url}: {e.InnerException?.Message ?? e.Message}", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new DatasetDownloadException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return response;
    }

    public void Dispose() => _http.Dispose();
}
