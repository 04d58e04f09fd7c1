using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Storage;

/// <summary>
/// Runs, step runs and attempts. Every state change of a run happens in one transaction with the run's row locked
/// (PostgreSQL: <c>SELECT ... FOR UPDATE</c>; SQLite: <c>BEGIN IMMEDIATE</c>), and what follows from it — which
/// steps become ready, which are upstream-failed, the run's own state — is decided by <see cref="RunProgress"/>,
/// the one place those rules live, inside that transaction. Several servers may share one store: claims take
/// rows with <c>FOR UPDATE SKIP LOCKED</c>, so no attempt is started twice.
/// </summary>
public interface IRunStore
{
    /// <summary>Creates the run and its steps; null (and nothing created) when its dedup key already exists.</summary>
    Task<RunRecord?> CreateRunAsync(NewRun run, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the runs and their steps in one transaction, all or none; each result is null when that run's dedup key
    /// already existed. With <paramref name="maxQueuedPerWorkflow"/>, a workflow that would have more queued runs than
    /// that afterwards throws <see cref="RunQueueFullException"/> and nothing is created; the count and the inserts
    /// are serialised per workflow across servers, so concurrent creations cannot pass the limit together.
    /// </summary>
    Task<IReadOnlyList<RunRecord?>> CreateRunsAsync(IReadOnlyList<NewRun> runs, int? maxQueuedPerWorkflow, CancellationToken cancellationToken);

    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The run's step runs in definition order.</summary>
    Task<IReadOnlyList<StepRunRecord>> GetStepRunsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Every attempt of the run, by step then attempt.</summary>
    Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken);

    Task<RunPage> ListRunsAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>One page of a workflow's run history with every step run of those runs, in two queries whatever the page size.</summary>
    Task<RunGridPage> GetRunGridAsync(RunGridQuery query, CancellationToken cancellationToken);

    /// <summary>Per workflow (every one, idle ones with zeros): runs running, runs queued for a slot, steps ready and not yet claimed at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<QueueCounts>> CountQueuesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Moves queued runs to running, oldest first, while their workflow has fewer than
    /// <paramref name="maxActiveRuns"/>(workflow id) running runs. Returns the ids of runs started.
    /// </summary>
    Task<IReadOnlyList<string>> StartQueuedRunsAsync(Func<string, int> maxActiveRuns, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> steps that are queued or up-for-retry with <c>ReadyAt &lt;= now</c>, in
    /// running runs, oldest ready first: each becomes running with its attempt count raised by one, a running
    /// attempt row, and a lease for <paramref name="worker"/> until <c>now + lease</c>.
    /// </summary>
    Task<IReadOnlyList<ClaimedStep>> ClaimStepsAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        ClaimStepsAsync(worker, max, now, lease, null, cancellationToken);

    /// <summary>As the other overload, limited to the steps of one run when <paramref name="onlyRunId"/> is set.</summary>
    Task<IReadOnlyList<ClaimedStep>> ClaimStepsAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, string? onlyRunId, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the leases of the worker's running attempts to <paramref name="expiresAt"/>. Returns those of
    /// <paramref name="attempts"/> the worker no longer holds (cancelled, or taken over): their processes must stop.
    /// </summary>
    Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string worker, IReadOnlyCollection<AttemptKey> attempts, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Records how an attempt ended and applies <see cref="RunProgress.AfterAttempt"/>. False (and nothing changed)
    /// when the worker no longer holds that attempt: a late result never overwrites a newer state.
    /// </summary>
    Task<bool> CompleteAttemptAsync(AttemptKey attempt, string worker, AttemptResult result, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The database's own clock, read now: every server judges leases by it (<see cref="Execution.DatabaseAlignedClock"/>),
    /// so a server whose clock runs ahead does not take over attempts whose leases are still current.
    /// </summary>
    Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Ends every running attempt whose lease lapsed before <paramref name="now"/> as <c>lost</c> (its worker died)
    /// and applies <see cref="RunProgress.AfterAttempt"/> with a retryable failure. Returns how many.
    /// </summary>
    Task<int> ExpireLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Cancels a run that has not ended (<see cref="RunProgress.Cancel"/>). False when it had ended or does not exist.</summary>
    Task<bool> CancelRunAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a change to an ended or running run's steps (<see cref="RunProgress.RetryStep"/>,
    /// <see cref="RunProgress.RetryFailed"/>) under the run's lock and writes what changed. Returns the run after,
    /// or null when it does not exist; throws <see cref="RunChangeRefusedException"/> with the reason when refused.
    /// </summary>
    Task<RunRecord?> ChangeRunAsync(string runId, Func<RunRecord, IReadOnlyList<StepRunRecord>, RunChange> change, CancellationToken cancellationToken);
}
