using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Runs <see cref="RunLauncher.PrepareAsync"/> checked and rendered but did not store: the caller can still decide
/// (a rate limit, say) before <see cref="RunLauncher.LaunchAsync(PreparedRuns, CancellationToken)"/> stores them all.
/// </summary>
public sealed class PreparedRuns
{
    internal PreparedRuns(IReadOnlyList<NewRun> runs) => Runs = runs;

    /// <summary>How many runs would be created (fewer when some dedup keys were taken).</summary>
    public int Count => Runs.Count;

    internal IReadOnlyList<NewRun> Runs { get; }
}
