using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>Claims and leases: which worker runs which attempt, and until when.</summary>
public sealed partial class SqlRunStore
{
    /// <summary>Candidates read beyond the number wanted, for partitions a step's maxParallel holds back.</summary>
    private const int ClaimLookahead = 32;

    public Task<IReadOnlyList<ClaimedStep>> ClaimStepsAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        ClaimStepsAsync(worker, max, now, lease, null, cancellationToken);

    public Task<IReadOnlyList<ClaimedStep>> ClaimStepsAsync(string worker, int max, DateTimeOffset now, TimeSpan lease, string? onlyRunId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(worker);
        if (max <= 0)
        {
            return Task.FromResult<IReadOnlyList<ClaimedStep>>([]);
        }

        var at = UnixMs.From(now);
        var expires = UnixMs.From(now + lease);
        return _database.WriteAsync<IReadOnlyList<ClaimedStep>>(async (connection, transaction) =>
        {
            // PostgreSQL: rows another claimer holds are skipped, so concurrent claimers take different steps. A few
            // more than wanted are read, so partitions held back by their step's maxParallel leave room for others.
            var candidates = (await connection.QueryAsync<(string RunId, string StepId, string? ParentStep, long? MaxParallel)>(new CommandDefinition(
                $"""
                SELECT s.run_id, s.step_id, s.parent_step, s.max_parallel FROM step_runs s JOIN runs r ON r.id = s.run_id
                WHERE s.state IN ('queued', 'up-for-retry') AND s.ready_at <= @at AND r.state = 'running'{(onlyRunId is null ? "" : " AND s.run_id = @onlyRunId")}
                ORDER BY s.ready_at, s.run_id, s.step_id
                LIMIT @limit{Dialect.ClaimLock}
                """, new { at, limit = (long)max + ClaimLookahead, onlyRunId }, transaction, cancellationToken: cancellationToken))).ToList();
            var picked = (await WithinMaxParallelAsync(connection, transaction, candidates, cancellationToken)).Take(max).ToList();
            if (picked.Count == 0)
            {
                return [];
            }

            var keys = picked.Select(p => new { p.RunId, p.StepId, at, expires, worker }).ToList();
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE step_runs SET state = 'running', attempts = attempts + 1, started_at = @at, finished_at = NULL,
                    exit_code = NULL, error = NULL, lease_owner = @worker, lease_expires_at = @expires
                WHERE run_id = @RunId AND step_id = @StepId
                """, keys, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO attempts (run_id, step_id, attempt, state, worker_id, started_at, workflow_version)
                SELECT run_id, step_id, attempts, 'running', @worker, @at, workflow_version FROM step_runs WHERE run_id = @RunId AND step_id = @StepId
                """, keys, transaction, cancellationToken: cancellationToken));

            var runIds = picked.Select(p => p.RunId).Distinct(StringComparer.Ordinal).ToArray();
            var runs = (await connection.QueryAsync<RunRow>(new CommandDefinition(
                $"SELECT {RunRow.Columns} FROM runs WHERE {Dialect.InList("id", "runIds")}", new { runIds }, transaction, cancellationToken: cancellationToken)))
                .ToDictionary(r => r.Id, r => r.ToRecord(), StringComparer.Ordinal);
            // One read for all: the steps this claim just leased (same worker, same instant) in those runs.
            var leased = (await connection.QueryAsync<StepRunRow>(new CommandDefinition(
                $"""
                SELECT {StepRunRow.Columns} FROM step_runs
                WHERE {Dialect.InList("run_id", "runIds")} AND state = 'running' AND lease_owner = @worker AND started_at = @at
                """, new { runIds, worker, at }, transaction, cancellationToken: cancellationToken)))
                .ToDictionary(s => (s.RunId, s.StepId));
            return [.. picked.Select(p => new ClaimedStep(runs[p.RunId], leased[(p.RunId, p.StepId)].ToRecord()))];
        }, cancellationToken);
    }

    /// <summary>
    /// The candidates, in order, without the partitions that would take their step over its <c>maxParallel</c>:
    /// per step, its running partitions are counted under a lock of that step (an advisory lock on PostgreSQL,
    /// SQLite's write lock), so two servers claiming at once cannot both fill the last slot.
    /// </summary>
    private async Task<List<(string RunId, string StepId)>> WithinMaxParallelAsync(
        DbConnection connection, DbTransaction transaction, List<(string RunId, string StepId, string? ParentStep, long? MaxParallel)> candidates, CancellationToken cancellationToken)
    {
        var room = new Dictionary<(string, string), long>();
        foreach (var group in candidates.Where(c => c is { ParentStep: not null, MaxParallel: not null }).Select(c => (c.RunId, c.ParentStep!, c.MaxParallel!.Value)).Distinct().Order())
        {
            await Dialect.LockAsync(connection, transaction, ParallelLockKey(group.RunId, group.Item2), cancellationToken);
            var running = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM step_runs WHERE run_id = @RunId AND parent_step = @parent AND state = 'running'",
                new { group.RunId, parent = group.Item2 }, transaction, cancellationToken: cancellationToken));
            room[(group.RunId, group.Item2)] = group.Item3 - running;
        }

        var picked = new List<(string RunId, string StepId)>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (candidate is { ParentStep: { } parent, MaxParallel: not null })
            {
                if (room[(candidate.RunId, parent)] <= 0)
                {
                    continue;
                }

                room[(candidate.RunId, parent)]--;
            }

            picked.Add((candidate.RunId, candidate.StepId));
        }

        return picked;
    }

    /// <summary>The advisory lock of one partitioned step's parallelism: a stable 64-bit number from its run and id.</summary>
    private static long ParallelLockKey(string runId, string stepId) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"partitions:{runId}/{stepId}")));

    public Task<IReadOnlyList<AttemptKey>> RenewLeasesAsync(string worker, IReadOnlyCollection<AttemptKey> attempts, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AttemptKey>>([]);
        }

        var expires = UnixMs.From(expiresAt);
        return _database.WriteAsync<IReadOnlyList<AttemptKey>>(async (connection, transaction) =>
        {
            // The runs' rows first, in id order, as every other change of a run locks its row before its steps:
            // renewing step rows directly could deadlock with a cancel of the same run updating them in another order.
            var runIds = attempts.Select(a => a.RunId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            await connection.ExecuteAsync(new CommandDefinition(
                $"SELECT id FROM runs WHERE {Dialect.InList("id", "runIds")} ORDER BY id{Dialect.ForUpdate}", new { runIds }, transaction, cancellationToken: cancellationToken));
            var lost = new List<AttemptKey>();
            foreach (var key in attempts.OrderBy(a => a.RunId, StringComparer.Ordinal).ThenBy(a => a.StepId, StringComparer.Ordinal))
            {
                // Held means: still running, by this worker, and still this attempt (not lost and claimed again).
                var renewed = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE step_runs SET lease_expires_at = @expires
                    WHERE run_id = @RunId AND step_id = @StepId AND state = 'running' AND lease_owner = @worker AND attempts = @Attempt
                    """, new { key.RunId, key.StepId, Attempt = (long)key.Attempt, worker, expires }, transaction, cancellationToken: cancellationToken));
                if (renewed == 0)
                {
                    lost.Add(key);
                }
            }

            return lost;
        }, cancellationToken);
    }
}
