using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>
/// <see cref="IRunStore"/> over either engine with the same SQL; <see cref="SqlDialect"/> adds the row locks
/// PostgreSQL needs. Every change of a run reads the run row locked and all its steps, asks
/// <see cref="RunProgress"/> what follows, and writes back the rows that differ: no state rule is written in SQL.
/// </summary>
public sealed partial class SqlRunStore : IRunStore
{
    private readonly OrchestratorDatabase _database;
    private IRunObserver _observer = NoRunObserver.Instance;

    internal SqlRunStore(OrchestratorDatabase database) => _database = database;

    /// <summary>Who hears of committed run changes (the server's metrics and traces); nobody until set.</summary>
    internal void Observe(IRunObserver observer) => _observer = observer;

    private SqlDialect Dialect => _database.Dialect;

    public async Task<RunRecord?> CreateRunAsync(NewRun run, CancellationToken cancellationToken) =>
        (await CreateRunsAsync([run], null, cancellationToken))[0];

    public Task<IReadOnlyList<RunRecord?>> CreateRunsAsync(IReadOnlyList<NewRun> runs, int? maxQueuedPerWorkflow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return _database.WriteAsync<IReadOnlyList<RunRecord?>>(async (connection, transaction) =>
        {
            if (maxQueuedPerWorkflow is not null)
            {
                // Two servers counting at once would both see room for one more (SQLite's write lock already excludes that).
                foreach (var workflowId in runs.Select(r => r.Run.WorkflowId).Distinct().Order(StringComparer.Ordinal))
                {
                    await Dialect.LockAsync(connection, transaction, QueueLockKey(workflowId), cancellationToken);
                }
            }

            var created = new List<RunRecord?>(runs.Count);
            foreach (var run in runs)
            {
                created.Add(await InsertAsync(connection, transaction, run, cancellationToken));
            }

            if (maxQueuedPerWorkflow is { } max)
            {
                foreach (var added in created.OfType<RunRecord>().Where(r => r.State == RunState.Queued).GroupBy(r => r.WorkflowId, StringComparer.Ordinal))
                {
                    var queued = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        "SELECT COUNT(*) FROM runs WHERE workflow_id = @workflowId AND state = 'queued'", new { workflowId = added.Key }, transaction, cancellationToken: cancellationToken));
                    if (queued > max)
                    {
                        // Thrown inside the transaction: it rolls back, and none of the runs exists.
                        throw new RunQueueFullException(added.Key, queued - added.Count(), added.Count(), max);
                    }
                }
            }

            return created;
        }, cancellationToken);
    }

    private static async Task<RunRecord?> InsertAsync(DbConnection connection, DbTransaction transaction, NewRun run, CancellationToken cancellationToken)
    {
        var row = RunRow.From(run.Run);
        var parameters = new DynamicParameters(row);
        parameters.Add("DedupKey", run.DedupKey);
        // DO NOTHING rather than catching the violation: a failed statement would abort a PostgreSQL transaction.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO runs (id, workflow_id, workflow_version, state, triggered_by, logical_date, inputs, created_at, started_at, finished_at, error, trace_parent, started_by, waits_for, dedup_key)
            VALUES (@Id, @WorkflowId, @WorkflowVersion, @State, @TriggeredBy, @LogicalDate, @Inputs, @CreatedAt, @StartedAt, @FinishedAt, @Error, @TraceParent, @StartedBy, @WaitsFor, @DedupKey)
            ON CONFLICT DO NOTHING
            """, parameters, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO step_runs (run_id, step_id, ordinal, depends_on, state, attempts, ready_at, started_at, finished_at, exit_code, error, lease_owner, lease_expires_at, spec, workflow_version)
            VALUES (@RunId, @StepId, @Ordinal, @DependsOn, @State, @Attempts, @ReadyAt, @StartedAt, @FinishedAt, @ExitCode, @Error, @LeaseOwner, @LeaseExpiresAt, @Spec, @WorkflowVersion)
            """, run.Steps.Select(StepRunRow.From).ToList(), transaction, cancellationToken: cancellationToken));
        return row.ToRecord();
    }

    /// <summary>The advisory lock of one workflow's queue: a stable 64-bit number from its id.</summary>
    private static long QueueLockKey(string workflowId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("queued-runs:" + workflowId)));

    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunRow.Columns} FROM runs WHERE id = @runId", new { runId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<StepRunRecord>> GetStepRunsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return [.. (await StepsAsync(connection, null, runId, cancellationToken)).Select(s => s.ToRecord())];
    }

    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRow>(new CommandDefinition(
            $"""
            SELECT {AttemptRow.Columns} FROM attempts a WHERE run_id = @runId
            ORDER BY (SELECT ordinal FROM step_runs s WHERE s.run_id = a.run_id AND s.step_id = a.step_id), attempt
            """, new { runId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    private static async Task<IReadOnlyList<StepRunRow>> StepsAsync(DbConnection connection, DbTransaction? transaction, string runId, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<StepRunRow>(new CommandDefinition(
            $"SELECT {StepRunRow.Columns} FROM step_runs WHERE run_id = @runId ORDER BY ordinal", new { runId }, transaction, cancellationToken: cancellationToken))];

    /// <summary>Reads the run with its row locked (PostgreSQL; SQLite's write transaction already excludes writers) and its steps.</summary>
    private async Task<LockedRun?> LockAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken)
    {
        var run = await LockRunRowAsync(connection, transaction, runId, cancellationToken);
        return run is null ? null : new LockedRun(run, await StepsAsync(connection, transaction, runId, cancellationToken));
    }

    /// <summary>The run's row, locked as <see cref="LockAsync"/> locks it, without its steps.</summary>
    private Task<RunRow?> LockRunRowAsync(DbConnection connection, DbTransaction transaction, string runId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<RunRow?>(new CommandDefinition(
            $"SELECT {RunRow.Columns} FROM runs WHERE id = @runId{Dialect.ForUpdate}", new { runId }, transaction, cancellationToken: cancellationToken));

    private static Task<StepRunRow?> StepRowAsync(DbConnection connection, DbTransaction transaction, string runId, string stepId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<StepRunRow?>(new CommandDefinition(
            $"SELECT {StepRunRow.Columns} FROM step_runs WHERE run_id = @runId AND step_id = @stepId", new { runId, stepId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Writes the run row and every step row whose state columns differ from what was read.</summary>
    /// <summary>A writing transaction whose run changes reach the observer once it has committed.</summary>
    private async Task<T> WriteObservedAsync<T>(Func<DbConnection, DbTransaction, ObservedChanges, Task<T>> work, CancellationToken cancellationToken)
    {
        var observed = new ObservedChanges();
        var result = await _database.WriteAsync((connection, transaction) =>
        {
            observed.Clear();
            return work(connection, transaction, observed);
        }, cancellationToken);
        observed.PublishTo(_observer);
        return result;
    }

    private static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, LockedRun before, RunChange after, ObservedChanges observed, CancellationToken cancellationToken)
    {
        observed.Changed(before, after);
        var run = RunRow.From(after.Run);
        if (run != before.Run)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE runs SET state = @State, started_at = @StartedAt, finished_at = @FinishedAt, error = @Error, workflow_version = @WorkflowVersion
                WHERE id = @Id
                """, run, transaction, cancellationToken: cancellationToken));
        }

        var read = before.Steps.ToDictionary(s => s.StepId, StringComparer.Ordinal);
        var rows = after.Steps.Select((s, i) => StepRunRow.From(s, i, read.GetValueOrDefault(s.StepId))).ToList();
        var changed = rows.Where(s => read.TryGetValue(s.StepId, out var old) && !old.SameProgress(s with { Ordinal = old.Ordinal })).ToList();
        if (changed.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(StepRunRow.UpdateSql, changed, transaction, cancellationToken: cancellationToken));
        }

        // Steps that take a later version's definition (a re-run on the latest version): their spec changes too.
        var redefined = changed.Where(s => s.WorkflowVersion != read[s.StepId].WorkflowVersion).ToList();
        if (redefined.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(StepRunRow.RedefineSql, redefined, transaction, cancellationToken: cancellationToken));
        }

        // Step runs a change adds: the partitions of a step that has just fanned out.
        var added = rows.Where(s => !read.ContainsKey(s.StepId)).ToList();
        if (added.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(StepRunRow.InsertSql, added, transaction, cancellationToken: cancellationToken));
        }
    }
}
