using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Cli;

/// <summary>Prints a line whenever a step of the run changes state, and the run's end.</summary>
internal static class RunProgressPrinter
{
    public static async Task<RunRecord?> FollowAsync(IServiceProvider services, string runId, CancellationToken cancellationToken)
    {
        var watcher = services.GetRequiredService<RunWatcher>();
        using var stopHint = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hint = HintIfStillQueuedAsync(services, runId, stopHint.Token);
        var clock = services.GetRequiredService<TimeProvider>();
        var last = new Dictionary<string, (StepState, int)>(StringComparer.Ordinal);
        var ended = await watcher.WaitAsync(runId, TimeSpan.FromDays(365), (run, steps) =>
        {
            foreach (var step in steps)
            {
                if (!last.TryGetValue(step.StepId, out var seen) || seen != (step.State, step.Attempts))
                {
                    last[step.StepId] = (step.State, step.Attempts);
                    var detail = step.State is StepState.Failed or StepState.UpForRetry && step.Error is { } error ? $": {error}" : string.Empty;
                    var attempt = step.Attempts > 1 ? $" (attempt {step.Attempts})" : string.Empty;
                    Console.WriteLine($"{RunCommand.Clock(clock.GetUtcNow())}  {step.StepId,-20} {StateNames.Of(step.State)}{attempt}{detail}");
                }
            }

            return Task.CompletedTask;
        }, cancellationToken);

        await stopHint.CancelAsync();
        await hint;
        if (ended is not null)
        {
            var took = ended.FinishedAt - (ended.StartedAt ?? ended.CreatedAt);
            Console.WriteLine($"run {ended.Id} {StateNames.Of(ended.State)}{(took is { } t ? $" in {t.TotalSeconds:F1} s" : string.Empty)}{(ended.Error is { } e ? $": {e}" : string.Empty)}");
        }

        return ended;
    }

    // A run waits for a slot under its workflow's maxActiveRuns; runs this process does not run (queued by trigger,
    // or a server's) may hold those slots, which without a hint looks like a hang.
    private static async Task HintIfStillQueuedAsync(IServiceProvider services, string runId, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            if (await services.GetRequiredService<Engine.Storage.IRunStore>().GetRunAsync(runId, cancellationToken) is { State: RunState.Queued } run)
            {
                Console.WriteLine($"run {runId} is still queued: other runs of '{run.WorkflowId}' hold its active-run slots (maxActiveRuns); they end when a server (serve) runs them, or cancel them");
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended first: nothing to explain.
        }
    }
}
