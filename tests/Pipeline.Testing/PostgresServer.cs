using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pipeline.Testing;

/// <summary>
/// A throwaway PostgreSQL server on 127.0.0.1: initdb into a fresh temp folder, pg_ctl start on a free port with
/// its unix socket in that folder; on dispose pg_ctl stop -m fast and the folder is deleted. PostgreSQL refuses to
/// run as root, so as root its programs run as the <c>postgres</c> user (runuser) in a folder it owns. The tests and
/// the benchmarks (pg-load) share it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly bool AsPostgresUser = Environment.UserName == "root";
    private readonly string _bin;
    private readonly string _root;
    private readonly string _settings;

    private PostgresServer(string bin, string root, int port, string settings)
    {
        _bin = bin;
        _root = root;
        _settings = settings;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Starts a server; <paramref name="durable"/> false turns fsync off, which only tests can afford.</summary>
    public static async Task<PostgresServer> StartAsync(bool durable, CancellationToken cancellationToken)
    {
        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), "pg-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            if (AsPostgresUser)
            {
                await RunAsync("chown", ["postgres", root], root, asPostgres: false, cancellationToken);
            }

            var data = Path.Combine(root, "data");
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"], root, AsPostgresUser, cancellationToken);
            var settings = "-c listen_addresses=127.0.0.1" + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            for (var attempt = 1; ; attempt++)
            {
                // Another process may take the free port before the server binds it: try another one.
                var port = FreePort();
                try
                {
                    await RunAsync(Path.Combine(bin, "pg_ctl"),
                        ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "30", "start", "-o", $"-p {port} -k {root} {settings}"],
                        root, AsPostgresUser, cancellationToken);
                    return new PostgresServer(bin, root, port, settings);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Stops the server as a crash or an operator would: <c>-m immediate</c> drops every connection at once.</summary>
    public async Task StopAsync(string mode = "immediate")
    {
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-w", "stop", "-m", mode], _root, AsPostgresUser, timeout.Token);
    }

    /// <summary>Starts a stopped server again on the same port, with the same data.</summary>
    public async Task StartAgainAsync()
    {
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "30", "start", "-o", $"-p {Port} -k {_root} {_settings}"],
            _root, AsPostgresUser, timeout.Token);
    }

    /// <summary>
    /// Hangs the server as a stalled machine or a frozen VM does: SIGSTOP to the postmaster and every backend, so
    /// connections stay open (and new ones are accepted by the kernel) but nothing answers, until <see cref="ResumeAsync"/>.
    /// </summary>
    public Task PauseAsync() => SignalAllAsync("STOP");

    /// <summary>Lets a paused server go on (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAllAsync("CONT");

    private async Task SignalAllAsync(string signal)
    {
        var postmaster = (await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "postmaster.pid")))[0].Trim();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await RunAsync("/bin/sh", ["-c", $"kill -{signal} {postmaster} $(pgrep -P {postmaster})"], _root, asPostgres: false, timeout.Token);
    }

    /// <summary>A loopback port that nothing listens on (at the moment of the call).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database}";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(CommandTimeout);
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-w", "stop", "-m", "fast"], _root, AsPostgresUser, timeout.Token);
        }
        finally
        {
            TryDelete(_root);
        }
    }

    private static string FindBinaries()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server programs not found (/usr/lib/postgresql/*/bin/initdb): run ./eng/test.sh, which installs them, or apt-get install -y postgresql");
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory, bool asPostgres, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in asPostgres ? ["-u", "postgres", "--", program, .. arguments] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var log = Path.Combine(workingDirectory, "server.log");
            var logTail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(15)) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await error}{logTail}");
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
