using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Api;

/// <summary>A workflow in the list: its draft and latest published version.</summary>
public sealed record WorkflowSummary(string Id, string? Name, int? LatestVersion, bool HasDraft, DateTimeOffset? DraftUpdatedAt);

/// <summary>A published version, with its definition as stored.</summary>
public sealed record WorkflowVersionView(string WorkflowId, int Version, string Checksum, DateTimeOffset PublishedAt, System.Text.Json.JsonElement Definition);

/// <summary>How to start a run: inputs over the defaults (strings, numbers or booleans), an optional logical date and version.</summary>
public sealed record TriggerRequest
{
    // set, not init: System.Text.Json's source generator gives a missing init-only property its default (null),
    // overriding the initializer, so a body of {} failed with a NullReferenceException.
    public Dictionary<string, System.Text.Json.JsonElement> Inputs { get; set; } = [];

    public DateTimeOffset? LogicalDate { get; init; }

    public int? Version { get; init; }
}

/// <summary>A backfill: one run per day from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record BackfillRequest(DateOnly From, DateOnly To, Dictionary<string, System.Text.Json.JsonElement>? Inputs);

/// <summary>A run as the API shows it; <see cref="TraceId"/> finds its trace in a tracing backend and its steps' log lines.</summary>
public sealed record RunView(
    string Id, string WorkflowId, int WorkflowVersion, string State, string TriggeredBy, DateTimeOffset? LogicalDate,
    IReadOnlyDictionary<string, string> Inputs, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error,
    string? TraceId)
{
    public static RunView Of(RunRecord run) => new(
        run.Id, run.WorkflowId, run.WorkflowVersion, StateNames.Of(run.State), run.TriggeredBy, run.LogicalDate, run.Inputs,
        run.CreatedAt, run.StartedAt, run.FinishedAt, run.Error,
        System.Diagnostics.ActivityContext.TryParse(run.TraceParent, null, out var trace) ? trace.TraceId.ToHexString() : null);
}

/// <summary>A run in a list, with how many steps are in each state.</summary>
public sealed record RunListItem(RunView Run, IReadOnlyDictionary<string, int> StepCounts);

/// <summary>A page of runs, newest first; pass <see cref="Next"/> as <c>before</c> for the next page.</summary>
public sealed record RunListView(IReadOnlyList<RunListItem> Runs, string? Next);

/// <summary>One step of a run, with its attempts.</summary>
public sealed record StepView(
    string StepId, string State, IReadOnlyList<string> DependsOn, int Attempts, DateTimeOffset? ReadyAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, int? ExitCode, string? Error, string OutputFolder, IReadOnlyList<AttemptView> AttemptHistory);

/// <summary>One attempt of a step.</summary>
public sealed record AttemptView(int Attempt, string State, string WorkerId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? ExitCode, string? Error);

/// <summary>A run with its steps and their attempts.</summary>
public sealed record RunDetailView(RunView Run, IReadOnlyList<StepView> Steps)
{
    public static RunDetailView Of(RunRecord run, IReadOnlyList<StepRunRecord> steps, IReadOnlyList<AttemptRecord> attempts) => new(
        RunView.Of(run),
        [.. steps.Select(s => new StepView(
            s.StepId, StateNames.Of(s.State), s.DependsOn, s.Attempts, s.ReadyAt, s.StartedAt, s.FinishedAt, s.ExitCode, s.Error, s.Spec.OutputFolder,
            [.. attempts.Where(a => a.StepId == s.StepId).Select(a => new AttemptView(a.Attempt, a.State, a.WorkerId, a.StartedAt, a.FinishedAt, a.ExitCode, a.Error))]))]);
}

/// <summary>A cron trigger and when it fires next.</summary>
public sealed record ScheduleView(string WorkflowId, int Version, int Trigger, string Schedule, string TimeZone, string CatchUp, DateTimeOffset? NextDueAt);
