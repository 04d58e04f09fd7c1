using System.Diagnostics;
using System.Text;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary><c>dotnet Pipeline.Orchestrator.dll serve</c> as a child process, which a test can kill -9.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The address the server bound, read from its own "Now listening on" line.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(string[] storageArgs, string dataRoot, string workflows, IReadOnlyDictionary<string, string> environment)
    {
        var withAdmin = TestAuth.Environment();
        foreach (var (name, value) in environment)
        {
            withAdmin[name] = value;
        }

        // Port 0 and the address the server prints: a port picked free beforehand can be taken by another test's
        // server in between, and /healthz would then be answered by that server, with its workflows.
        var start = OrchestratorProcess.StartInfo(["serve", "--urls", "http://127.0.0.1:0", .. storageArgs, "--data-root", dataRoot, "--workflows", workflows], withAdmin);
        var server = new ServerProcess(Process.Start(start)!);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30) && server.ListeningAddress() is null)
        {
            if (server._process.HasExited)
            {
                Assert.Fail($"the server exited with {server._process.ExitCode}: {server.Output}");
            }

            await Task.Delay(100);
        }

        server.BaseUrl = server.ListeningAddress() ?? "";
        if (server.BaseUrl.Length > 0 && await server.AnswersHealthAsync(watch))
        {
            return server;
        }

        await server.DisposeAsync();
        Assert.Fail($"the server did not answer /healthz: {server.Output}");
        return server;
    }

    private string? ListeningAddress()
    {
        const string Marker = "Now listening on: ";
        var output = Output;
        var at = output.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = output.IndexOfAny(['\r', '\n'], at);
        return end < 0 ? null : output[(at + Marker.Length)..end].Trim();
    }

    private async Task<bool> AnswersHealthAsync(Stopwatch watch)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(2) };
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"the server exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>SIGKILL to the server process only: its step processes live on as orphans, as after a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
