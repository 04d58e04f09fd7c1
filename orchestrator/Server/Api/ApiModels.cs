using System.Text.Json.Serialization;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// A workflow in the list: its draft and latest published version and, for the list page, its latest run and the next
/// time a cron trigger fires it (null when it has no cron trigger).
/// </summary>
public sealed record WorkflowSummary(
    string Id, string? Name, int? LatestVersion, bool HasDraft, DateTimeOffset? DraftUpdatedAt,
    string? Description = null, RunBrief? LastRun = null, DateTimeOffset? NextDueAt = null);

/// <summary>A run in a line: enough to show its state and when.</summary>
public sealed record RunBrief(string Id, string State, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public static RunBrief Of(RunRecord run) => new(run.Id, StateNames.Of(run.State), run.CreatedAt, run.FinishedAt);
}

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

/// <summary>
/// A run as the API shows it; <see cref="TraceId"/> finds its trace in a tracing backend and its steps' log lines;
/// <see cref="WaitsFor"/> is the run it stays queued behind (the run making a backfill's missing upstream days).
/// </summary>
public sealed record RunView(
    string Id, string WorkflowId, int WorkflowVersion, string State, string TriggeredBy, DateTimeOffset? LogicalDate,
    IReadOnlyDictionary<string, string> Inputs, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error,
    string? TraceId, string? StartedBy, string? WaitsFor)
{
    public static RunView Of(RunRecord run) => new(
        run.Id, run.WorkflowId, run.WorkflowVersion, StateNames.Of(run.State), run.TriggeredBy, run.LogicalDate, run.Inputs,
        run.CreatedAt, run.StartedAt, run.FinishedAt, run.Error,
        System.Diagnostics.ActivityContext.TryParse(run.TraceParent, null, out var trace) ? trace.TraceId.ToHexString() : null,
        run.StartedBy,
        run.WaitsFor);
}

/// <summary>
/// A run in a list, with how many steps are in each state and, once one of its steps has failed, the first that
/// did: which step and why.
/// </summary>
public sealed record RunListItem(RunView Run, IReadOnlyDictionary<string, int> StepCounts, StepFailureView? FirstError);

/// <summary>The step of a run that failed first (by when it finished), its exit code and its error.</summary>
public sealed record StepFailureView(string StepId, int? ExitCode, string? Message);

/// <summary>
/// A page of runs, newest first; pass <see cref="Next"/> as <c>before</c> for the next page. <see cref="Total"/>
/// is how many runs match the filters over all pages.
/// </summary>
public sealed record RunListView(IReadOnlyList<RunListItem> Runs, string? Next, long Total);

/// <summary>One step of a run, with its attempts.</summary>
public sealed record StepView(
    string StepId, string State, IReadOnlyList<string> DependsOn, int Attempts, DateTimeOffset? ReadyAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, int? ExitCode, string? Error, string OutputFolder, IReadOnlyList<AttemptView> AttemptHistory)
{
    /// <summary>A gate of the step failed (exit 79) and waits for an editor's override.</summary>
    public bool BlockedByGate => State == "failed" && ExitCode == Engine.Runners.StepExitCodes.GateBlocked;

    /// <summary>Who overrode the step's gate and why, once someone did.</summary>
    public string? GateOverride { get; init; }

    /// <summary>The published version whose definition of the step the run now runs (a later one than the run began with after a re-run on the latest version).</summary>
    public int? WorkflowVersion { get; init; }

    /// <summary>
    /// A partitioned step's partitions counted by state (null for other steps): the run page shows the step as one
    /// node with these counts; <c>GET /api/runs/{runId}/steps/{stepId}/partitions</c> lists them.
    /// </summary>
    public PartitionCountsView? Partitions { get; init; }
}

/// <summary>
/// How many partitions a partitioned step has, and how many are in each state; and when the first of them started
/// and the last ended (null while one runs or none has), which the run page's timeline draws as one grouped bar.
/// </summary>
public sealed record PartitionCountsView(int Total, IReadOnlyDictionary<string, int> ByState)
{
    public DateTimeOffset? FirstStartedAt { get; init; }

    public DateTimeOffset? LastFinishedAt { get; init; }
}

/// <summary>One partition of a partitioned step: its day and its own step run (retry it, read its logs by <see cref="StepId"/>).</summary>
public sealed record StepPartitionView(
    string Key, string StepId, string State, int Attempts, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int? ExitCode, string? Error, string OutputFolder);

/// <summary>A page of a step's partitions by day; pass <see cref="Next"/> as <c>after</c> for the next page.</summary>
public sealed record StepPartitionListView(string StepId, PartitionCountsView Counts, IReadOnlyList<StepPartitionView> Partitions, string? Next);

/// <summary>One attempt of a step.</summary>
public sealed record AttemptView(int Attempt, string State, string WorkerId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? ExitCode, string? Error)
{
    /// <summary>The published version whose definition of the step the attempt ran.</summary>
    public int? WorkflowVersion { get; init; }
}

/// <summary>A run with its steps and their attempts.</summary>
public sealed record RunDetailView(RunView Run, IReadOnlyList<StepView> Steps)
{
    /// <summary>
    /// The run with its steps as the definition has them: a partitioned step is one step with its partitions counted
    /// by state, never one entry per partition (a fan-out may have thousands).
    /// </summary>
    public static RunDetailView Of(RunRecord run, IReadOnlyList<StepRunRecord> steps, IReadOnlyList<AttemptRecord> attempts)
    {
        var partitions = steps.Where(s => s.ParentStepId is not null).ToLookup(s => s.ParentStepId!, StringComparer.Ordinal);
        var byStep = attempts.ToLookup(a => a.StepId, StringComparer.Ordinal);
        return new(
            RunView.Of(run),
            [.. steps.Where(s => s.ParentStepId is null).Select(s => new StepView(
                s.StepId, StateNames.Of(s.State), s.DependsOn, s.Attempts, s.ReadyAt, s.StartedAt, s.FinishedAt, s.ExitCode, s.Error,
                // A partitioned step's spec names its days' folder with the day's placeholder: its own folder holds them.
                s.FansOut ? Path.GetDirectoryName(s.Spec.OutputFolder)! : s.Spec.OutputFolder,
                [.. byStep[s.StepId].Select(a => new AttemptView(a.Attempt, a.State, a.WorkerId, a.StartedAt, a.FinishedAt, a.ExitCode, a.Error) { WorkflowVersion = a.WorkflowVersion ?? run.WorkflowVersion })])
            {
                GateOverride = s.GateOverride,
                WorkflowVersion = s.WorkflowVersion ?? run.WorkflowVersion,
                Partitions = s.FansOut ? Counts(partitions[s.StepId]) : null,
            })]);
    }

    public static PartitionCountsView Counts(IEnumerable<StepRunRecord> partitions)
    {
        var list = partitions.ToList();
        var started = list.Where(p => p.StartedAt is not null).ToList();
        return new(list.Count, list.GroupBy(p => StateNames.Of(p.State), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal))
        {
            FirstStartedAt = started.Count == 0 ? null : started.Min(p => p.StartedAt),
            LastFinishedAt = started.Count == 0 || list.Any(p => p.State == StepState.Running) ? null : started.Max(p => p.FinishedAt),
        };
    }
}

/// <summary>A cron trigger and when it fires next.</summary>
public sealed record ScheduleView(string WorkflowId, int Version, int Trigger, string Schedule, string TimeZone, string CatchUp, DateTimeOffset? NextDueAt);

/// <summary>A schedule to preview: a cron expression, its time zone (UTC when absent) and how many fire times (5).</summary>
public sealed record CronPreviewRequest(string? Schedule, string? TimeZone, int? Count);

/// <summary>The next fire times of a schedule, in its time zone's offset at each time.</summary>
public sealed record CronPreview(string TimeZone, IReadOnlyList<DateTimeOffset> NextTimes);

/// <summary>The designer's palette: every step program, and the template expressions step arguments may use.</summary>
public sealed record StepTypesView(IReadOnlyList<StepTypeView> Programs, IReadOnlyList<TemplateHelp> Templates);

/// <summary>
/// A step program: its name in definitions, a title, what it does, its version, the arguments a new step starts with,
/// and its options as the program describes them (null, with <see cref="Problem"/>, when it could not be asked).
/// </summary>
public sealed record StepTypeView(
    string Program, string Title, string? Description, string? Version, IReadOnlyList<string> DefaultArgs,
    System.Text.Json.JsonElement? Options, string? Problem);

/// <summary>A template expression and what it stands for.</summary>
public sealed record TemplateHelp(string Expression, string Description);

/// <summary>A model: its registry folder, production version (null before the first promotion) and version count.</summary>
public sealed record ModelSummary(string Name, string Registry, int? ProductionVersion, int VersionCount);

/// <summary>A model version's metadata as the trainer registered it, and whether (since when) it is production.</summary>
/// <summary>Online predictions: the model version that made them, and each row's cluster and distance in order.</summary>
public sealed record PredictionsView(string Model, int Version, IReadOnlyList<PredictionView> Predictions)
{
    /// <summary>For a request of raw readings: the sensor-day and the features computed from it; absent for feature rows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SensorDayView? SensorDay { get; init; }
}

/// <summary>A sensor-day featurised as the FeatureCreator does: every statistic of every value column sent.</summary>
public sealed record SensorDayView(string? SensorId, DateOnly Day, string TimeZone, int Readings, bool LowReadings, IReadOnlyDictionary<string, double?> Features);

public sealed record PredictionView(int Cluster, double Distance);

/// <summary><c>POST /api/models/{name}/production</c>: the version, and why (required, kept in the promotion history).</summary>
public sealed record PromoteRequest(int? Version, string? Reason);

/// <summary><c>POST /api/models/{name}/rollback</c>: why (required, kept in the promotion history).</summary>
public sealed record RollbackRequest(string? Reason);

/// <summary>Why a blocked step's failed gate may be passed; recorded on the step with who said so.</summary>
public sealed record GateOverrideRequest(string? Reason);

public sealed record ModelVersionView(Pipeline.Steps.Formats.Registry.ModelVersion Metadata, bool IsProduction, DateTimeOffset? ProductionSince)
{
    public static ModelVersionView Of(Pipeline.Steps.Formats.Registry.ModelVersion metadata, Pipeline.Steps.Formats.Registry.ProductionPointer? production) =>
        new(metadata, production?.Version == metadata.Version, production?.Version == metadata.Version ? production.PromotedAt : null);
}

/// <summary>A page of a model's training runs, newest first; pass <see cref="Next"/> as <c>before</c> for the next page.</summary>
public sealed record ExperimentListView(IReadOnlyList<Pipeline.Orchestrator.Models.ExperimentSummary> Experiments, int? Next);
