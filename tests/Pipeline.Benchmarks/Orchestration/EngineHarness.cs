using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Hosting;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Persistence.Hosting;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The workflow server's engine, in this process, assembled from the modules' own registrations (engine, storage,
/// process runner; no web host) over a real database: publishes a workflow, runs it once with the process runner,
/// and reads back what the store recorded (ready, claimed and finished times).
/// </summary>
internal static class EngineHarness
{
    /// <summary>The server's services on <paramref name="connectionString"/> (null: a SQLite file in <paramref name="work"/>), migrated.</summary>
    public static async Task<ServiceProvider> StartAsync(string? connectionString, string work, int parallel, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Database"] = connectionString,
            ["Storage:SqliteFile"] = Path.Combine(work, "bench.db"),
            ["Engine:DataRoot"] = Path.Combine(work, "data"),
            ["Engine:MaxParallelSteps"] = parallel.ToString(CultureInfo.InvariantCulture),
            ["Engine:WorkerId"] = "bench",
            // The trivial workflow's command; a server runs no command step it does not list.
            ["Runner:Process:AllowedCommands:0"] = TrivialWorkflow.Command,
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddPipelineEngine(configuration)
            .AddPipelineStorage(configuration)
            .AddProcessRunner(configuration)
            .AddSingleton<IStepRunner>(provider => provider.GetRequiredService<ProcessStepRunner>())
            .AddSingleton<ExecutionPolicy>()
            .AddSingleton<IStepPathOptions, CommandStepsOnly>()
            .BuildServiceProvider();
        await services.GetRequiredService<StorageStartup>().MigrateAsync(cancellationToken);
        return services;
    }

    public static async Task<ShapeResult> RunAsync(IServiceProvider services, string workflowId, string definitionJson, CancellationToken cancellationToken)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var workflows = services.GetRequiredService<IWorkflowStore>();
        var runs = services.GetRequiredService<IRunStore>();
        await workflows.SaveDraftAsync(workflowId, definitionJson, clock.GetUtcNow(), cancellationToken);
        await workflows.PublishAsync(workflowId, clock.GetUtcNow(), cancellationToken);

        using var stop = new CancellationTokenSource();
        var loop = services.GetRequiredService<WorkflowEngine>().RunAsync(stop.Token);
        var run = (await services.GetRequiredService<RunLauncher>().LaunchAsync(new LaunchRequest { WorkflowId = workflowId }, cancellationToken))!;
        while ((await runs.GetRunAsync(run.Id, cancellationToken))!.State is var state && !state.IsFinal())
        {
            await Task.Delay(5, cancellationToken);
        }

        await stop.CancelAsync();
        await loop;

        var ended = (await runs.GetRunAsync(run.Id, cancellationToken))!;
        var steps = await runs.GetStepRunsAsync(run.Id, cancellationToken);
        var attempts = await runs.GetAttemptsAsync(run.Id, cancellationToken);
        var readyAt = steps.ToDictionary(s => s.StepId, s => s.ReadyAt);
        var waits = attempts.Where(a => readyAt[a.StepId] is not null).Select(a => (a.StartedAt - readyAt[a.StepId]!.Value).TotalMilliseconds).ToList();
        return new ShapeResult(
            ended.State,
            ((ended.FinishedAt ?? ended.CreatedAt) - ended.CreatedAt).TotalSeconds,
            waits,
            steps.Count(s => s.State == StepState.Succeeded),
            attempts.Count);
    }

    /// <summary>
    /// The benchmark's workflows run commands, never step programs, so no program is asked which of its options
    /// are paths (the server asks each program's <c>--describe</c>).
    /// </summary>
    private sealed class CommandStepsOnly : IStepPathOptions
    {
        public Task<ProgramPathOptions> ForAsync(string program, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"the orchestration benchmark runs only command steps, not program '{program}'");
    }
}

/// <summary>One run of a shape: its final state, wall seconds (created → finished), and each step's ready → claimed wait in ms.</summary>
internal sealed record ShapeResult(RunState State, double WallSeconds, IReadOnlyList<double> ReadyToStartedMs, int Succeeded, int Attempts);
