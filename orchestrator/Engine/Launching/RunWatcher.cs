using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>Follows a run in the store until it ends: for <c>run --wait</c>, and HTTP triggers that wait for the result.</summary>
public sealed class RunWatcher(IRunStore runs, TimeProvider clock)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls the run until it ends or <paramref name="timeout"/> passes; <paramref name="onChange"/> sees the run
    /// and its steps whenever a step's state changed. Returns the run as last read.
    /// </summary>
    public async Task<RunRecord?> WaitAsync(
        string runId, TimeSpan timeout, Func<RunRecord, IReadOnlyList<StepRunRecord>, Task>? onChange, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + timeout;
        string? seen = null;
        while (true)
        {
            var run = await runs.GetRunAsync(runId, cancellationToken);
            if (run is null)
            {
                return null;
            }

            if (onChange is not null)
            {
                var steps = await runs.GetStepRunsAsync(runId, cancellationToken);
                var now = string.Join(',', steps.Select(s => $"{s.StepId}:{StateNames.Of(s.State)}:{s.Attempts}")) + StateNames.Of(run.State);
                if (now != seen)
                {
                    seen = now;
                    await onChange(run, steps);
                }
            }

            if (run.State.IsFinal() || clock.GetUtcNow() >= deadline)
            {
                return run;
            }

            await Task.Delay(PollEvery, clock, cancellationToken);
        }
    }
}
