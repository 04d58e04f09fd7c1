using System.Net;
using System.Net.Sockets;

namespace Pipeline.Steps.Confinement;

/// <summary>
/// Which network addresses a URL given by a user may lead to: public ones only, never loopback, private, link-local,
/// shared (carrier-grade NAT) or multicast addresses, so that a URL cannot make the server or a step reach services
/// inside its own network. NAT64 and 6to4 addresses are judged by the IPv4 address they carry.
/// </summary>
public static class PublicAddresses
{
    /// <summary>Whether an address is one a public URL may lead to.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
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

    /// <summary>
    /// The public addresses <paramref name="host"/> (a name or an address literal) leads to.
    /// </summary>
    /// <exception cref="PrivateAddressException">It leads to none: every address it resolves to is private.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The name cannot be resolved.</exception>
    public static Task<IPAddress[]> ResolveAsync(string host, string allowedBy, CancellationToken cancellationToken) =>
        ResolveAsync(host, allowedBy, IsPublic, cancellationToken);

    private static async Task<IPAddress[]> ResolveAsync(string host, string allowedBy, Func<IPAddress, bool> isPublic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }

        var allowed = addresses.Where(isPublic).ToArray();
        return allowed.Length > 0
            ? allowed
            : throw new PrivateAddressException(
                $"{host} is a loopback, private or link-local address ({string.Join(", ", addresses.Select(a => a.ToString()))}); {allowedBy} permits it");
    }

    /// <summary>
    /// A handler for fetching user-given URLs (with <see cref="UrlFetch.GetAsync"/>, which follows redirects itself):
    /// unless <paramref name="allowPrivate"/>, every connection is made to a public address the name resolved to,
    /// checked where it connects, so neither a name that resolves to 127.0.0.1 nor a redirect to a private address
    /// gets through; and requests go straight to the target, since through an HTTP(S)_PROXY the check would see the
    /// proxy's address.
    /// </summary>
    /// <param name="allowPrivate">Connect anywhere (a setting of the operator's).</param>
    /// <param name="allowedBy">The setting that would permit private addresses, named in the refusal.</param>
    /// <param name="isPublic">Which addresses count as public; <see cref="IsPublic"/> unless a test says otherwise
    /// (on one machine every address is a private one).</param>
    public static SocketsHttpHandler Handler(bool allowPrivate, string allowedBy, Func<IPAddress, bool>? isPublic = null)
    {
        var check = isPublic ?? IsPublic;
        // Redirects are followed by UrlFetch, which refuses any to a scheme other than http(s): the handler's own
        // following throws a UriFormatException on a redirect to file:///.
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), AllowAutoRedirect = false };
        if (!allowPrivate)
        {
            handler.UseProxy = false;
            handler.ConnectCallback = (context, cancellationToken) => ConnectPubliclyAsync(context, allowedBy, check, cancellationToken);
        }

        return handler;
    }

    private static async ValueTask<Stream> ConnectPubliclyAsync(
        SocketsHttpConnectionContext context, string allowedBy, Func<IPAddress, bool> isPublic, CancellationToken cancellationToken)
    {
        var allowed = await ResolveAsync(context.DnsEndPoint.Host, allowedBy, isPublic, cancellationToken);
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
}
