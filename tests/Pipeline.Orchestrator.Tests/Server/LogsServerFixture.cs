using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>The server <see cref="LogsApiTests"/> share, and its one run writing a big log (started on first use).</summary>
public sealed class LogsServerFixture : IAsyncLifetime
{
    // About 4 MB: 30,000 JSON lines with two- and three-byte characters, one line of 256 KB (longer than a page) and a
    // last line without a newline.
    private const string BigLogScript = """
        awk 'BEGIN {
          for (i = 0; i < 30000; i++)
            printf "{\"Timestamp\":\"2026-03-05T13:02:31.123Z\",\"LogLevel\":\"%s\",\"Message\":\"line %d: Grüße aus 東京\",\"State\":{\"i\":%d}}\n", (i % 1000 == 999 ? "Error" : "Information"), i, i
          s = "é"; for (k = 0; k < 17; k++) s = s s; print s
          printf "the end, without a newline"
        }'
        """;

    private ApiServer? _server;
    private Lazy<Task<(string RunId, byte[] File)>>? _bigLog;

    public ApiServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync(
        [
            Workflow("big-log", [Step("write", BigLogScript)]),
            Workflow("half-line", [Step("write", "echo first; printf partial; sleep 3; echo ' done'")]),
        ]);
        _bigLog = new(RunBigLogAsync);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Where the server keeps an attempt's stdout (the engine's AttemptLogs layout).</summary>
    public string LogPath(string runId, string stepId = "write", int attempt = 1) =>
        Path.Combine(Server.DataRoot, "runs", runId, "_logs", stepId, $"{attempt}.stdout.log");

    /// <summary>The big-log run, finished, and its stdout as written on disk.</summary>
    public Task<(string RunId, byte[] File)> BigLogAsync() => _bigLog!.Value;

    private async Task<(string RunId, byte[] File)> RunBigLogAsync()
    {
        var runId = await Server.TriggerAsync("big-log");
        var detail = await Server.WaitForEndAsync(runId);
        Assert.Equal("succeeded", ApiServer.RunState(detail));
        return (runId, await File.ReadAllBytesAsync(LogPath(runId)));
    }
}
