using System.Net;
using System.Net.Sockets;

namespace Pipeline.Chaos.Harness;

/// <summary>
/// A loopback TCP forwarder between one server and PostgreSQL, to cut that server's network alone: <see cref="Cut"/>
/// resets every open connection and black-holes new ones (accepted, never answered, as when packets are dropped:
/// the client waits for its own timeouts); <see cref="Restore"/> forwards again.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly List<Socket> _open = [];
    private readonly List<Socket> _blackholed = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _cleanup;
    private readonly Task _accepting;
    private bool _cut;

    public TcpProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptAsync);
        _cleanup = CleanupRegistry.Register($"tcp proxy :{Port}", async () => await DisposeAsync());
    }

    public int Port { get; }

    /// <summary>Connections reset by cuts, and connections black-holed while cut.</summary>
    public int Reset { get; private set; }

    public int Blackholed { get; private set; }

    public void Cut()
    {
        lock (_gate)
        {
            _cut = true;
            Reset += _open.Count;
            foreach (var socket in _open)
            {
                Abort(socket);
            }

            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            _cut = false;
            foreach (var socket in _blackholed)
            {
                Abort(socket);
            }

            _blackholed.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cleanup.Dispose();
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        Restore();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        lock (_gate)
        {
            if (_cut)
            {
                Blackholed++;
                _blackholed.Add(client);
                return;
            }

            _open.Add(client);
        }

        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            lock (_gate)
            {
                if (!_open.Contains(client))
                {
                    // Cut while connecting.
                    Abort(upstream);
                    return;
                }

                _open.Add(upstream);
            }

            using var clientStream = new NetworkStream(client, ownsSocket: false);
            using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
            // Either direction ending (or a cut) ends the pair.
            await Task.WhenAny(clientStream.CopyToAsync(upstreamStream, _stop.Token), upstreamStream.CopyToAsync(clientStream, _stop.Token));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }

            Abort(client);
            Abort(upstream);
        }
    }

    /// <summary>Closes with a reset (linger 0), as a broken network path shows to both ends.</summary>
    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }
}
