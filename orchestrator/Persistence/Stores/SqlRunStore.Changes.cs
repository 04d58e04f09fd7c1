using System.Data.Common;
using Dapper;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>State changes of one run, each under the run's lock, decided by <see cref="RunProgress"/>.</summary>
public sealed partial class SqlRunStore
{
    private const string FinishAttemptSql =
        """
        UPDATE attempts SET state = @State, finished_at = @FinishedAt, exit_code = @ExitCode, error = @Error
        WHERE run_id = @RunId AND step_id = @StepId AND attempt = @Attempt
        """;

    public Task<bool> CompleteAttemptAsync(AttemptKey attempt, string worker, AttemptResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return WriteObservedAsync(async (connection, transaction, observed) =>
        {
            var run = await LockRunRowAsync(connection, transaction, attempt.RunId, cancellationToken);
            var row = run is null ? null : await StepRowAsync(connection, transaction, attempt.RunId, attempt.StepId, cancellationToken);
            var step = row?.ToRecord();
            if (run is null || row is null || step is null || step.State != StepState.Running || step.LeaseOwner != worker || step.Attempts != attempt.Attempt)
            {
                return false;
            }

            result = await WithInterruptionsAsync(connection, transaction, attempt, result, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(FinishAttemptSql, new
            {
                attempt.RunId, attempt.StepId, Attempt = (long)attempt.Attempt, result.State, FinishedAt = UnixMs.From(now), ExitCode = (long?)result.ExitCode, result.Error,
            }, transaction, cancellationToken: cancellationToken));
            if (step.ParentStepId is { } parent)
            {
                // One partition of many: while others of its step have not ended, nothing but this partition changes,
                // so a fan-out of N costs N small writes rather than N reads of every partition.
                var ended = RunProgress.Ended(run.ToRecord(), step, result, now);
                if (!ended.State.IsFinal() || await UnfinishedSiblingsAsync(connection, transaction, step, cancellationToken) > 0)
                {
                    var alone = new LockedRun(run, [row]);
                    await WriteAsync(connection, transaction, alone, new RunChange(alone.RunRecord, [ended]), observed, cancellationToken);
                    return true;
                }
            }

            var locked = new LockedRun(run, await StepsAsync(connection, transaction, attempt.RunId, cancellationToken));
            await WriteAsync(connection, transaction, locked, RunProgress.AfterAttempt(locked.RunRecord, locked.StepRecords, attempt.StepId, result, now), observed, cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>A lost attempt's result with the step's earlier lost attempts counted (see <see cref="AttemptResult.PriorInterruptions"/>).</summary>
    private static async Task<AttemptResult> WithInterruptionsAsync(
        DbConnection connection, DbTransaction transaction, AttemptKey attempt, AttemptResult result, CancellationToken cancellationToken) =>
        result.State != AttemptStates.Lost
            ? result
            : result with
            {
                PriorInterruptions = (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM attempts WHERE run_id = @RunId AND step_id = @StepId AND attempt < @Attempt AND state = 'lost'",
                    new { attempt.RunId, attempt.StepId, Attempt = (long)attempt.Attempt }, transaction, cancellationToken: cancellationToken)),
            };

    /// <summary>The partitions of <paramref name="partition"/>'s step, other than it, that have not ended (read under the run's lock).</summary>
    private static Task<long> UnfinishedSiblingsAsync(DbConnection connection, DbTransaction transaction, StepRunRecord partition, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM step_runs
            WHERE run_id = @RunId AND parent_step = @ParentStepId AND step_id <> @StepId
              AND state NOT IN ('succeeded', 'failed', 'skipped', 'upstream-failed', 'cancelled')
            """, new { partition.RunId, partition.ParentStepId, partition.StepId }, transaction, cancellationToken: cancellationToken));

    public async Task<DateTimeOffset> DatabaseNowAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return UnixMs.To(await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT {Dialect.NowMs}", cancellationToken: cancellationToken)));
    }

    public async Task<int> ExpireLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = UnixMs.From(now);
        IReadOnlyList<string> runIds;
        await using (var connection = await _database.OpenAsync(cancellationToken))
        {
            runIds = [.. await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT DISTINCT run_id FROM step_runs WHERE state = 'running' AND lease_expires_at < @at", new { at }, cancellationToken: cancellationToken))];
        }

        var expired = 0;
        foreach (var runId in runIds)
        {
            // One transaction per run; under its lock the step is checked again, so another server's expiry or a
            // late renewal is seen and each attempt is counted once.
            expired += await WriteObservedAsync(async (connection, transaction, observed) =>
            {
                var locked = await LockAsync(connection, transaction, runId, cancellationToken);
                if (locked is null)
                {
                    return 0;
                }

                var change = new RunChange(locked.RunRecord, locked.StepRecords);
                var count = 0;
                foreach (var step in locked.StepRecords.Where(s => s.State == StepState.Running && s.LeaseExpiresAt < now))
                {
                    var error = $"worker {step.LeaseOwner} stopped renewing its lease";
                    var lost = await WithInterruptionsAsync(
                        connection, transaction, new AttemptKey(step.RunId, step.StepId, step.Attempts), new AttemptResult(AttemptStates.Lost, null, error, Retryable: true), cancellationToken);
                    await connection.ExecuteAsync(new CommandDefinition(FinishAttemptSql, new
                    {
                        step.RunId, step.StepId, Attempt = (long)step.Attempts, State = AttemptStates.Lost, FinishedAt = at, ExitCode = (long?)null, Error = error,
                    }, transaction, cancellationToken: cancellationToken));
                    change = RunProgress.AfterAttempt(change.Run, change.Steps, step.StepId, lost, now);
                    count++;
                }

                await WriteAsync(connection, transaction, locked, change, observed, cancellationToken);
                return count;
            }, cancellationToken);
        }

        return expired;
    }

    public Task<bool> CancelRunAsync(string runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteObservedAsync(async (connection, transaction, observed) =>
        {
            var locked = await LockAsync(connection, transaction, runId, cancellationToken);
            if (locked is null)
            {
                return false;
            }

            RunChange change;
            try
            {
                change = RunProgress.Cancel(locked.RunRecord, locked.StepRecords, reason, now);
            }
            catch (RunChangeRefusedException)
            {
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE attempts SET state = 'cancelled', finished_at = @at, error = @reason WHERE run_id = @runId AND state = 'running'",
                new { runId, reason, at = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken));
            await WriteAsync(connection, transaction, locked, change, observed, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<RunRecord?> ChangeRunAsync(string runId, Func<RunRecord, IReadOnlyList<StepRunRecord>, RunChange> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteObservedAsync<RunRecord?>(async (connection, transaction, observed) =>
        {
            var locked = await LockAsync(connection, transaction, runId, cancellationToken);
            if (locked is null)
            {
                return null;
            }

            // A refusal propagates: the transaction is disposed uncommitted, so nothing changes.
            var after = change(locked.RunRecord, locked.StepRecords);
            await WriteAsync(connection, transaction, locked, after, observed, cancellationToken);
            return after.Run;
        }, cancellationToken);
    }
}
