using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>A run and its step runs as read under the run's lock: what a change is compared with before writing.</summary>
internal sealed record LockedRun(RunRow Run, IReadOnlyList<StepRunRow> Steps)
{
    public RunRecord RunRecord { get; } = Run.ToRecord();

    public IReadOnlyList<StepRunRecord> StepRecords { get; } = [.. Steps.Select(s => s.ToRecord())];
}
