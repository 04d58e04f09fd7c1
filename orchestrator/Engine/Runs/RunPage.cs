namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// One page of runs, newest first, with per-state step counts; <see cref="Next"/> continues the list;
/// <see cref="Total"/> is how many runs match the query's filters over all pages.
/// </summary>
public sealed record RunPage(IReadOnlyList<RunSummary> Runs, string? Next)
{
    public long Total { get; init; }
}

/// <summary>
/// A run in a list, with how many of its steps are in each state, and the step that failed first (null when none
/// has failed).
/// </summary>
public sealed record RunSummary(RunRecord Run, IReadOnlyDictionary<string, int> StepCounts)
{
    public StepFailure? FirstFailure { get; init; }
}

/// <summary>The step of a run that failed first (by when it finished, then by its place in the definition), and why.</summary>
public sealed record StepFailure(string StepId, int? ExitCode, string? Error);
