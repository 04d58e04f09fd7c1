using System.Diagnostics;

namespace Pipeline.Chaos.Harness;

/// <summary>
/// <c>dotnet Pipeline.Orchestrator.dll serve</c> as a child process that a scenario kills -9, terminates or leaves
/// running. Ready once it printed the address it bound (port 0: nothing can take it in between) and /readyz answers
/// (database reachable and migrated).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SilencePatience = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly ServerLog _log;
    private readonly IDisposable _cleanup;
    private readonly string _dll;
    private readonly DateTime _dllWritten;
    private bool _disposed;

    private ServerProcess(ServerSpec spec, Process process, ServerLog log)
    {
        Name = spec.Name;
        _dll = spec.Dll;
        _dllWritten = File.GetLastWriteTimeUtc(spec.Dll);
        _process = process;
        _log = log;
        Pid = process.Id;
        StartedAt = TimeProvider.System.GetUtcNow();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ExitedAt ??= TimeProvider.System.GetUtcNow();
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _cleanup = CleanupRegistry.Register($"server {Name} (pid {Pid})", () => KillTreeAsync());
    }

    /// <summary>The worker id it was given (Engine:WorkerId), so attempts in the API name it.</summary>
    public string Name { get; }

    public int Pid { get; }

    public string BaseUrl { get; private set; } = "";

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset? ExitedAt { get; private set; }

    /// <summary>SIGTERM sent: it drains and exits; nothing new should be sent to it.</summary>
    public bool Terminating { get; private set; }

    public bool HasExited => _disposed || _process.HasExited;

    public bool Serving => !Terminating && !HasExited;

    public TimeSpan? ClockOffset => _log.ClockOffset;

    public string Tail => _log.Tail();

    public static async Task<ServerProcess> StartAsync(ServerSpec spec, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await WaitForDllAsync(spec.Dll, cancellationToken);
            var server = Launch(spec);
            try
            {
                await server.WaitReadyAsync(cancellationToken);
                return server;
            }
            catch (ServerStartException e) when (e.Retryable && attempt < 6)
            {
                // The server's build is being replaced under us (another engineer rebuilds it): try again shortly.
                await server.DisposeAsync();
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>SIGKILL to the server alone: its step processes live on as orphans, as after a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
        ExitedAt ??= TimeProvider.System.GetUtcNow();
    }

    /// <summary>SIGTERM, as a deploy stops a container: the server drains (Engine:DrainTimeout) and exits.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        Terminating = true;
        await Commands.SignalAsync("TERM", [Pid], cancellationToken);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(patience);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await KillTreeAsync();
        _disposed = true;
        _cleanup.Dispose();
        _log.Dispose();
        _process.Dispose();
    }

    private static ServerProcess Launch(ServerSpec spec)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(spec.Dll);
        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new ServerStartException($"could not start dotnet {spec.Dll}", retryable: false);
        return new ServerProcess(spec, process, new ServerLog(spec.LogFile));
    }

    private static async Task WaitForDllAsync(string dll, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (!File.Exists(dll))
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new ServerStartException(
                    $"the server is not built: {dll} is missing (dotnet build orchestrator/Server -c Release -p:BuildUi=false, or --server-dll)", retryable: false);
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartPatience)
        {
            if (_process.HasExited)
            {
                var tail = _log.Tail();
                // A build being replaced shows as a missing or unloadable assembly.
                var rebuilt = tail.Contains("does not exist", StringComparison.Ordinal) || tail.Contains("Could not load file or assembly", StringComparison.Ordinal)
                    || tail.Contains("FileNotFoundException", StringComparison.Ordinal) || tail.Contains("BadImageFormatException", StringComparison.Ordinal);
                throw new ServerStartException($"server {Name} exited with {_process.ExitCode} while starting:\n{tail}", rebuilt);
            }

            if (watch.Elapsed > SilencePatience && _log.Tail().Length == 0)
            {
                // It normally logs within two seconds; a start caught by a rebuild of its build was seen to hang mute.
                throw new ServerStartException($"server {Name} printed nothing in {SilencePatience.TotalSeconds:0} s", retryable: true);
            }

            if (_log.ListeningOn is { } url)
            {
                BaseUrl = url;
                try
                {
                    using var response = await http.GetAsync(new Uri(new Uri(url), "/readyz"), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new ServerStartException(
            $"server {Name} did not become ready (/readyz) within {StartPatience.TotalSeconds:0} s:\n{_log.Tail()}",
            retryable: File.GetLastWriteTimeUtc(_dll) != _dllWritten);
    }

    private async Task KillTreeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }
    }
}
