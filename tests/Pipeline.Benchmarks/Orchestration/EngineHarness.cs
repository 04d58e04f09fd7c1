using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Persistence;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The workflow server's engine, in this process, over a real database: publishes a workflow, runs it once with the
/// process runner, and reads back what the store recorded (ready, claimed and finished times of every step).
/// </summary>
internal static class EngineHarness
{
    public static async Task<ShapeResult> RunAsync(
        OrchestratorDatabase database, string dataRoot, string workflowId, string definitionJson, int parallel, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        await database.Workflows.SaveDraftAsync(workflowId, definitionJson, clock.GetUtcNow(), cancellationToken);
        await database.Workflows.PublishAsync(workflowId, clock.GetUtcNow(), cancellationToken);

        var options = new EngineOptions { DataRoot = dataRoot, MaxParallelSteps = parallel, WorkerId = "bench" };
        using var signal = new EngineSignal();
        var runner = new ProcessStepRunner(new ProcessRunnerOptions(), new StepProgramCatalog(new ProcessRunnerOptions()), NullLogger<ProcessStepRunner>.Instance);
        var engine = new WorkflowEngine(database.Runs, new WorkflowLimits(database.Workflows, clock), [runner], signal, options, clock, NullLogger<WorkflowEngine>.Instance);
        var launcher = new RunLauncher(database.Workflows, database.Runs, signal, options, clock);

        using var stop = new CancellationTokenSource();
        var loop = engine.RunAsync(stop.Token);
        var run = (await launcher.LaunchAsync(new LaunchRequest { WorkflowId = workflowId }, cancellationToken))!;
        while ((await database.Runs.GetRunAsync(run.Id, cancellationToken))!.State is var state && !state.IsFinal())
        {
            await Task.Delay(5, cancellationToken);
        }

        await stop.CancelAsync();
        await loop;

        var ended = (await database.Runs.GetRunAsync(run.Id, cancellationToken))!;
        var steps = await database.Runs.GetStepRunsAsync(run.Id, cancellationToken);
        var attempts = await database.Runs.GetAttemptsAsync(run.Id, cancellationToken);
        var readyAt = steps.ToDictionary(s => s.StepId, s => s.ReadyAt);
        var waits = attempts.Where(a => readyAt[a.StepId] is not null).Select(a => (a.StartedAt - readyAt[a.StepId]!.Value).TotalMilliseconds).ToList();
        return new ShapeResult(
            ended.State,
            ((ended.FinishedAt ?? ended.CreatedAt) - ended.CreatedAt).TotalSeconds,
            waits,
            steps.Count(s => s.State == StepState.Succeeded),
            attempts.Count);
    }
}

/// <summary>One run of a shape: its final state, wall seconds (created → finished), and each step's ready → claimed wait in ms.</summary>
internal sealed record ShapeResult(RunState State, double WallSeconds, IReadOnlyList<double> ReadyToStartedMs, int Succeeded, int Attempts);
