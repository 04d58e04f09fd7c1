namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>One page of runs, newest first, with per-state step counts; <see cref="Next"/> continues the list.</summary>
public sealed record RunPage(IReadOnlyList<RunSummary> Runs, string? Next);

/// <summary>A run in a list, with how many of its steps are in each state.</summary>
public sealed record RunSummary(RunRecord Run, IReadOnlyDictionary<string, int> StepCounts);
