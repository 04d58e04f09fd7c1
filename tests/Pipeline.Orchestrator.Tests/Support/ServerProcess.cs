using System.Diagnostics;
using System.Text;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary><c>dotnet Pipeline.Orchestrator.dll serve</c> as a child process, which a test can kill -9.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

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
        var baseUrl = $"http://127.0.0.1:{PostgresServer.FreePort()}";
        var withAdmin = TestAuth.Environment();
        foreach (var (name, value) in environment)
        {
            withAdmin[name] = value;
        }

        var start = OrchestratorProcess.StartInfo(["serve", "--urls", baseUrl, .. storageArgs, "--data-root", dataRoot, "--workflows", workflows], withAdmin);
        var server = new ServerProcess(Process.Start(start)!, baseUrl);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (server._process.HasExited)
            {
                Assert.Fail($"the server exited with {server._process.ExitCode}: {server.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return server;
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

        await server.DisposeAsync();
        Assert.Fail($"the server did not answer /healthz: {server.Output}");
        return server;
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
