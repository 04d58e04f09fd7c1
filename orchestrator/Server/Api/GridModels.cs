namespace Pipeline.Orchestrator.Api;

/// <summary>
/// A page of a workflow's run history as a grid. <see cref="Steps"/> are the rows: the latest version's steps in
/// topological order, then steps only older runs have. <see cref="Runs"/> are the columns, newest first; each run's
/// <see cref="GridRunView.Cells"/> line up with <see cref="Steps"/> (null where that run has no such step).
/// Pass <see cref="Older"/> as <c>before</c> for the page back in time, <see cref="Newer"/> as <c>after</c> for the
/// page forward; each is null when no run lies that way.
/// </summary>
public sealed record WorkflowGridView(
    string WorkflowId, int? LatestVersion, IReadOnlyList<GridStepView> Steps, IReadOnlyList<GridRunView> Runs, string? Older, string? Newer);

/// <summary>A row of the grid: a step id, and whether the latest published version still has that step.</summary>
public sealed record GridStepView(string Id, bool InLatestVersion);

/// <summary>A column of the grid: a run, and one cell per step of <see cref="WorkflowGridView.Steps"/>.</summary>
public sealed record GridRunView(
    string Id, string State, string TriggeredBy, string? StartedBy, int WorkflowVersion, DateTimeOffset? LogicalDate,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, IReadOnlyList<GridCellView?> Cells);

/// <summary>
/// A step run in the grid: its state, attempts so far, when its latest attempt started and how long it took (null
/// until it ends), and whether a gate of the step failed and waits for an editor's override (exit 79).
/// </summary>
public sealed record GridCellView(string State, int Attempts, DateTimeOffset? StartedAt, long? DurationMs, bool BlockedByGate);
