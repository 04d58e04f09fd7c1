namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>A run and all its steps after a change; a store writes the rows that differ from what it read.</summary>
public sealed record RunChange(RunRecord Run, IReadOnlyList<StepRunRecord> Steps);
