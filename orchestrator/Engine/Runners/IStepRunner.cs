using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>
/// Runs one step attempt somewhere (a local process, a container) and says how it ended. The engine owns states,
/// retries, timeouts and leases; a runner only starts the work, streams its output into the attempt's log files,
/// and stops it when asked.
/// </summary>
public interface IStepRunner
{
    /// <summary>The name a step's <c>runner</c> field chooses this runner by (<see cref="Definitions.StepRunners"/>).</summary>
    string Name { get; }

    /// <summary>Whether this runner can run the step (a process runner: programs and commands; a container runner: images and programs).</summary>
    bool CanRun(StepSpec spec);

    /// <summary>
    /// What this server's settings forbid this runner to run of the step: a command not on the allow-list, an image
    /// no pattern allows, limits over the caps. Empty when it may run it. Checked when a definition is validated or
    /// published, when a run is created, and again before each attempt (the settings may have changed since).
    /// </summary>
    IReadOnlyList<StepRefusal> Refusals(StepSpec spec);

    /// <summary>
    /// Runs the attempt to its end. When <paramref name="cancellationToken"/> fires (cancel, timeout, lost lease,
    /// shutdown) the runner stops the work (SIGTERM, then a kill after a grace period) and returns a
    /// <see cref="AttemptStates.Cancelled"/> result; the engine decides what the stop meant.
    /// </summary>
    Task<AttemptResult> RunAsync(StepLaunch launch, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the attempt's end is recorded in the database. Until then a runner keeps what lets a later attempt
    /// take over the end if this server dies first (the process runner's launch records): dropped when the step
    /// ended, a result could be lost between the end and its record, and the step would run again.
    /// </summary>
    void Settled(StepLaunch launch)
    {
    }
}
