using System.Net;
using System.Net.Sockets;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// Fetches a dataset registered by URL, streamed (never buffered whole). Unless
/// <see cref="DatasetsOptions.AllowPrivateUrls"/>, every connection (redirects included) is checked on the address it
/// actually connects to, so neither a name that resolves to 127.0.0.1 nor a redirect to a private address reaches
/// services inside the server's network.
/// </summary>
public sealed class DatasetDownloader : IDisposable
{
    private readonly HttpClient _http;

    public DatasetDownloader(DatasetsOptions options)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), MaxAutomaticRedirections = 5 };
        if (!options.AllowPrivateUrls)
        {
            // Straight to the target: through an HTTP(S)_PROXY the check would see the proxy's address, not the target's.
            handler.UseProxy = false;
            handler.ConnectCallback = ConnectPubliclyAsync;
        }

        // No client timeout: the caller's token limits the whole download, body included (Datasets:DownloadTimeoutSeconds).
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The response to a GET of <paramref name="url"/>, headers read; the caller reads and disposes it.</summary>
    /// <exception cref="DatasetDownloadException">The URL cannot be fetched; the message says why.</exception>
    public async Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateAddressException refused)
        {
            throw new DatasetDownloadException($"{url}: {refused.Message}", e) { RefusedAddress = true };
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

    /// <summary>Whether an address is one a public URL may lead to (not loopback, private, link-local, shared or multicast).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (EmbeddedIPv4(address) is { } embedded)
        {
            return IsPublic(embedded);
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    /// <summary>The IPv4 address a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries, which is where it leads.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var b = address.GetAddressBytes();
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return b[0] == 0x20 && b[1] == 0x02 ? new IPAddress(b.AsSpan(2, 4)) : null;
    }

    private static async ValueTask<Stream> ConnectPubliclyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new PrivateAddressException(
                $"{host} is a loopback, private or link-local address ({string.Join(", ", addresses.Select(a => a.ToString()))}); Datasets:AllowPrivateUrls permits it");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A dataset URL that cannot be fetched.</summary>
public sealed class DatasetDownloadException : Exception
{
    /// <summary>Refused by this server (a private address), not failed by the other one.</summary>
    public bool RefusedAddress { get; init; }

    public DatasetDownloadException()
    {
    }

    public DatasetDownloadException(string message)
        : base(message)
    {
    }

    public DatasetDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A connection refused because it leads to a private address.</summary>
public sealed class PrivateAddressException : IOException
{
    public PrivateAddressException()
    {
    }

    public PrivateAddressException(string message)
        : base(message)
    {
    }

    public PrivateAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
