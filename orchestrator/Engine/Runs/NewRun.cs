namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// A run to create with its steps (states already set: roots queued, the rest pending). <see cref="DedupKey"/>, when
/// set, is unique across all runs: a second create with the same key creates nothing (one run per cron due time,
/// whatever the number of server replicas).
/// </summary>
public sealed record NewRun(RunRecord Run, IReadOnlyList<StepRunRecord> Steps, string? DedupKey);
