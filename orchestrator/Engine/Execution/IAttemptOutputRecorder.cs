using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>
/// Records what a finished attempt left in its output folder somewhere beside the run (the asset catalog reads the
/// partitions its manifest reports). Called by the engine when an attempt ends, succeeded or not, before its result
/// is stored; a module implements it, so the engine names no module. Implementations must be idempotent (a retried
/// store call, or a retried step reporting the same output, records it again) and may throw only when it is worth
/// trying again (the database is away): the engine retries for a while, then logs and goes on.
/// </summary>
public interface IAttemptOutputRecorder
{
    Task RecordAsync(ClaimedStep claimed, AttemptResult result, CancellationToken cancellationToken);
}
