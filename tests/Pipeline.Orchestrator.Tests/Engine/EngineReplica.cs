using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Hosting;
using Pipeline.Orchestrator.Persistence;
using Pipeline.Orchestrator.Tests.Persistence;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>
/// One server's engine over a test database, assembled by the server's own registration: its own store instance,
/// signal and worker id, as a second replica would have.
/// </summary>
internal sealed class EngineReplica : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceProvider _services;
    private Task? _loop;

    /// <param name="test">The database the replicas share.</param>
    /// <param name="workerId">This server's worker id.</param>
    /// <param name="lease">Engine:LeaseDuration (30 s by default).</param>
    /// <param name="parallel">Engine:MaxParallelSteps.</param>
    /// <param name="drain">Engine:DrainTimeout (none by default).</param>
    /// <param name="clock">This server's clock (one that runs ahead, say); the system's by default.</param>
    public EngineReplica(TestDatabase test, string workerId, TimeSpan? lease = null, int parallel = 4, TimeSpan? drain = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Database"] = test.ConnectionString,
            ["Storage:SqliteFile"] = test.SqliteFile,
            ["Engine:DataRoot"] = Path.Combine(test.Folder, "data"),
            ["Engine:WorkerId"] = workerId,
            ["Engine:MaxParallelSteps"] = parallel.ToString(CultureInfo.InvariantCulture),
            ["Engine:PollInterval"] = "00:00:00.05",
            ["Engine:LeaseDuration"] = (lease ?? TimeSpan.FromSeconds(30)).ToString("c", CultureInfo.InvariantCulture),
            ["Runner:Process:StopGracePeriod"] = "00:00:01",
            ["Engine:DrainTimeout"] = (drain ?? TimeSpan.Zero).ToString("c", CultureInfo.InvariantCulture),
        }).AddInMemoryCollection(TestCommands.Settings()!).Build();
        _services = new ServiceCollection().AddLogging().AddSingleton(clock ?? TimeProvider.System)
            .AddPipelineOrchestrator(configuration).BuildServiceProvider();
    }

    public OrchestratorDatabase Database => _services.GetRequiredService<OrchestratorDatabase>();

    public EngineOptions Options => _services.GetRequiredService<EngineOptions>();

    public RunLauncher Launcher => _services.GetRequiredService<RunLauncher>();

    public void Start() => _loop = _services.GetRequiredService<WorkflowEngine>().RunAsync(_stop.Token);

    /// <summary>Stops the loop the way a server shutting down does: running attempts are stopped and recorded lost.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    public async Task PublishAsync(string json)
    {
        var id = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
        await Database.Workflows.SaveDraftAsync(id, json, TimeProvider.System.GetUtcNow(), CancellationToken.None);
        await Database.Workflows.PublishAsync(id, TimeProvider.System.GetUtcNow(), CancellationToken.None);
    }

    public async Task<RunRecord> WaitForEndAsync(string runId, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var run = (await Database.Runs.GetRunAsync(runId, CancellationToken.None))!;
            if (run.State.IsFinal())
            {
                return run;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"run {runId} did not end within {timeout}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        await _services.DisposeAsync();
    }
}
