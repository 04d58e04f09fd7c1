using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A <c>step_runs</c> row as stored; <see cref="Ordinal"/> keeps the definition's order of steps.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record StepRunRow
{
    public const string Columns =
        "run_id AS RunId, step_id AS StepId, ordinal AS Ordinal, depends_on AS DependsOn, state AS State, attempts AS Attempts, " +
        "ready_at AS ReadyAt, started_at AS StartedAt, finished_at AS FinishedAt, exit_code AS ExitCode, error AS Error, " +
        "lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt, retry_base AS RetryBase, gate_override AS GateOverride, spec AS Spec, " +
        "parent_step AS ParentStep, partition_key AS PartitionKey, max_parallel AS MaxParallel, workflow_version AS WorkflowVersion";

    /// <summary>A step run added after the run was created: a partition of a partitioned step.</summary>
    public const string InsertSql =
        "INSERT INTO step_runs (run_id, step_id, ordinal, depends_on, state, attempts, ready_at, started_at, finished_at, exit_code, error, " +
        "lease_owner, lease_expires_at, retry_base, gate_override, spec, parent_step, partition_key, max_parallel, workflow_version) " +
        "VALUES (@RunId, @StepId, @Ordinal, @DependsOn, @State, @Attempts, @ReadyAt, @StartedAt, @FinishedAt, @ExitCode, @Error, " +
        "@LeaseOwner, @LeaseExpiresAt, @RetryBase, @GateOverride, @Spec, @ParentStep, @PartitionKey, @MaxParallel, @WorkflowVersion)";

    /// <summary>
    /// A step's definition replaced by a later version's (<see cref="RunRedefinition"/>): the only change that writes
    /// its JSON columns; every other change leaves them as they were stored.
    /// </summary>
    public const string RedefineSql =
        "UPDATE step_runs SET spec = @Spec, depends_on = @DependsOn, max_parallel = @MaxParallel, workflow_version = @WorkflowVersion " +
        "WHERE run_id = @RunId AND step_id = @StepId";

    /// <summary>The columns a state change may write (the others are fixed unless the step is redefined).</summary>
    public const string UpdateSql =
        "UPDATE step_runs SET state = @State, attempts = @Attempts, ready_at = @ReadyAt, started_at = @StartedAt, " +
        "finished_at = @FinishedAt, exit_code = @ExitCode, error = @Error, lease_owner = @LeaseOwner, " +
        "lease_expires_at = @LeaseExpiresAt, retry_base = @RetryBase, gate_override = @GateOverride WHERE run_id = @RunId AND step_id = @StepId";

    public string RunId { get; set; } = "";

    public string StepId { get; set; } = "";

    public long Ordinal { get; set; }

    public string DependsOn { get; set; } = "[]";

    public string State { get; set; } = "";

    public long Attempts { get; set; }

    public long? ReadyAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    public long? ExitCode { get; set; }

    public string? Error { get; set; }

    public string? LeaseOwner { get; set; }

    public long? LeaseExpiresAt { get; set; }

    public long RetryBase { get; set; }

    public string? GateOverride { get; set; }

    public string Spec { get; set; } = "{}";

    public string? ParentStep { get; set; }

    public string? PartitionKey { get; set; }

    public long? MaxParallel { get; set; }

    public long? WorkflowVersion { get; set; }

    public static StepRunRow From(StepRunRecord step, int ordinal) => From(step, ordinal, null);

    /// <summary>
    /// The row of <paramref name="step"/>; its JSON columns are taken from <paramref name="stored"/> when given, unless
    /// the step was redefined on another version (only then do they change).
    /// </summary>
    public static StepRunRow From(StepRunRecord step, int ordinal, StepRunRow? stored)
    {
        stored = stored is not null && stored.WorkflowVersion == step.WorkflowVersion ? stored : null;
        return new()
        {
            RunId = step.RunId,
            StepId = step.StepId,
            Ordinal = ordinal,
            DependsOn = stored?.DependsOn ?? JsonSerializer.Serialize(step.DependsOn.ToList(), PersistenceJson.Default.ListString),
            State = StateNames.Of(step.State),
            Attempts = step.Attempts,
            ReadyAt = UnixMs.From(step.ReadyAt),
            StartedAt = UnixMs.From(step.StartedAt),
            FinishedAt = UnixMs.From(step.FinishedAt),
            ExitCode = step.ExitCode,
            Error = step.Error,
            LeaseOwner = step.LeaseOwner,
            LeaseExpiresAt = UnixMs.From(step.LeaseExpiresAt),
            RetryBase = step.RetryBase,
            GateOverride = step.GateOverride,
            Spec = stored?.Spec ?? JsonSerializer.Serialize(step.Spec, PersistenceJson.Default.StepSpec),
            ParentStep = step.ParentStepId,
            PartitionKey = step.PartitionKey,
            MaxParallel = step.MaxParallel,
            WorkflowVersion = step.WorkflowVersion,
        };
    }

    /// <summary>True when the columns a state change writes are equal (the JSON columns never change).</summary>
    public bool SameProgress(StepRunRow other) =>
        this with { Ordinal = 0, DependsOn = "", Spec = "" } == other with { Ordinal = 0, DependsOn = "", Spec = "" };

    public StepRunRecord ToRecord() => new()
    {
        RunId = RunId,
        StepId = StepId,
        DependsOn = JsonSerializer.Deserialize(DependsOn, PersistenceJson.Default.ListString) ?? [],
        State = StateNames.ParseStep(State),
        Attempts = checked((int)Attempts),
        ReadyAt = UnixMs.To(ReadyAt),
        StartedAt = UnixMs.To(StartedAt),
        FinishedAt = UnixMs.To(FinishedAt),
        ExitCode = ExitCode is { } code ? checked((int)code) : null,
        Error = Error,
        LeaseOwner = LeaseOwner,
        LeaseExpiresAt = UnixMs.To(LeaseExpiresAt),
        RetryBase = checked((int)RetryBase),
        GateOverride = GateOverride,
        Spec = SpecCache.Parse(Spec, $"{RunId}/{StepId}"),
        ParentStepId = ParentStep,
        PartitionKey = PartitionKey,
        MaxParallel = MaxParallel is { } max ? checked((int)max) : null,
        WorkflowVersion = WorkflowVersion is { } version ? checked((int)version) : null,
    };
}
