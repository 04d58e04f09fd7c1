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

    /// <summary>
    /// The same runs, each waiting for the one before it (<see cref="Runs.RunRecord.WaitsFor"/>): stored together,
    /// they run one after the other, as a backfill with its upstream needs.
    /// </summary>
    public PreparedRuns Chained() =>
        new([.. Runs.Select((r, i) => i == 0 ? r : r with { Run = r.Run with { WaitsFor = Runs[i - 1].Run.Id } })]);
}
