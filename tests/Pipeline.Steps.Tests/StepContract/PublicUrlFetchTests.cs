using System.Net;
using Pipeline.Steps.Confinement;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.StepContract;

/// <summary>
/// The address check runs at every connection a fetch makes, redirects included: a URL whose first hop is allowed
/// cannot redirect to a private address. On one machine every address is a private one, so the test counts
/// 127.0.0.1 as public and 127.0.0.2 (the same loopback, another address) as what it stands for.
/// </summary>
public sealed class PublicUrlFetchTests
{
    private static readonly IPAddress PublicStandIn = IPAddress.Parse("127.0.0.1");

    [Fact]
    public async Task A_redirect_from_an_allowed_address_to_a_private_one_is_refused_where_it_connects()
    {
        var port = PostgresServer.FreePort();
        using var inside = Serve($"http://127.0.0.2:{port}/", _ => { });
        using var outside = Serve($"http://127.0.0.1:{port}/", response => response.Redirect($"http://127.0.0.2:{port}/secret"));
        using var http = new HttpClient(PublicAddresses.Handler(allowPrivate: false, "a test", a => a.Equals(PublicStandIn)));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => UrlFetch.GetAsync(http, new Uri($"http://127.0.0.1:{port}/start"), CancellationToken.None));

        Assert.IsType<PrivateAddressException>(refused.InnerException);
        Assert.Contains("127.0.0.2", refused.InnerException!.Message, StringComparison.Ordinal);
        Assert.Equal(1, outside.Requests);
        Assert.Equal(0, inside.Requests);
    }

    [Fact]
    public async Task Redirects_are_followed_to_http_only_and_at_most_five_times()
    {
        var port = PostgresServer.FreePort();
        using var loop = Serve($"http://127.0.0.1:{port}/", response => response.Redirect($"http://127.0.0.1:{port}/again"));
        using var http = new HttpClient(PublicAddresses.Handler(allowPrivate: true, "a test"));

        var tooMany = await Assert.ThrowsAsync<RedirectRefusedException>(() => UrlFetch.GetAsync(http, new Uri($"http://127.0.0.1:{port}/start"), CancellationToken.None));

        Assert.Contains("more than 5 times", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(6, loop.Requests);
    }

    private static Listener Serve(string prefix, Action<HttpListenerResponse> answer)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add(prefix);
        listener.Start();
        var served = new Listener(listener);
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                served.Count();
                answer(context.Response);
                context.Response.Close();
            }
        });
        return served;
    }

    private sealed class Listener(HttpListener listener) : IDisposable
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public void Count() => Interlocked.Increment(ref _requests);

        public void Dispose() => listener.Close();
    }
}
