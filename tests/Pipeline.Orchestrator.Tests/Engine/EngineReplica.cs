using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Persistence;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>One server's engine over a database, as the host assembles it: its own store instance, signal and worker id.</summary>
internal sealed class EngineReplica : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public EngineReplica(OrchestratorDatabase database, string dataRoot, string workerId, TimeSpan? lease = null, int parallel = 4)
    {
        Database = database;
        Options = new EngineOptions
        {
            DataRoot = dataRoot,
            WorkerId = workerId,
            MaxParallelSteps = parallel,
            PollInterval = TimeSpan.FromMilliseconds(50),
            LeaseDuration = lease ?? TimeSpan.FromSeconds(30),
        };
        var runnerOptions = new ProcessRunnerOptions { StopGracePeriod = TimeSpan.FromSeconds(1) };
        var runner = new ProcessStepRunner(runnerOptions, new StepProgramCatalog(runnerOptions), NullLogger<ProcessStepRunner>.Instance);
        Engine = new WorkflowEngine(database.Runs, new WorkflowLimits(database.Workflows, TimeProvider.System), [runner], Signal, Options, TimeProvider.System, NullLogger<WorkflowEngine>.Instance);
        Launcher = new RunLauncher(database.Workflows, database.Runs, Signal, Options, TimeProvider.System);
    }

    public OrchestratorDatabase Database { get; }

    public EngineOptions Options { get; }

    public EngineSignal Signal { get; } = new();

    public WorkflowEngine Engine { get; }

    public RunLauncher Launcher { get; }

    public void Start() => _loop = Engine.RunAsync(_stop.Token);

    /// <summary>Stops the loop the way a server shutting down does: running attempts are stopped and left to lapse.</summary>
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
        Signal.Dispose();
    }
}
