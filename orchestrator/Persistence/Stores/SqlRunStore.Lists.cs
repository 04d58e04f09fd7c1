using System.Data.Common;
using System.Text;
using Dapper;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>The runs list, and starting queued runs under each workflow's limit of active runs.</summary>
public sealed partial class SqlRunStore
{
    /// <summary>The most runs one page returns, whatever the query asks.</summary>
    public const int MaxPageSize = 500;

    // Any fixed number: the advisory lock only StartQueuedRunsAsync takes, so two servers never both fill a slot.
    private const long StartQueuedLockKey = 0x5069_7065_5374_6172;

    public async Task<RunPage> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);
        var filters = new StringBuilder(" WHERE 1 = 1");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Filter(string condition, string name, object? value)
        {
            filters.Append(" AND ").Append(condition);
            values.Add(name, value);
        }

        if (query.WorkflowId is { } workflow)
        {
            Filter("workflow_id = @workflow", "workflow", workflow);
        }

        if (query.State is { } state)
        {
            Filter("state = @state", "state", StateNames.Of(state));
        }

        if (query.CreatedFrom is { } from)
        {
            Filter("created_at >= @from", "from", UnixMs.From(from));
        }

        if (query.CreatedTo is { } to)
        {
            Filter("created_at < @to", "to", UnixMs.From(to));
        }

        // The total counts every page of the filters, so it is taken before the cursor narrows them. Workflow and state
        // have their indexes (runs_by_workflow, runs_by_state, runs_by_workflow_state): counting reads the index alone.
        // A day range (created_at) has none, so a count over it reads the runs of that workflow or state.
        var count = new CommandDefinition("SELECT COUNT(*) FROM runs" + filters, new DynamicParameters(values), cancellationToken: cancellationToken);
        if (query.Before is { } before)
        {
            Filter("id < @before", "before", before);
        }

        // One row more than the page tells whether another page follows.
        values.Add("take", (long)limit + 1);
        var pageQuery = new CommandDefinition(
            $"SELECT {RunRow.Columns} FROM runs{filters} ORDER BY id DESC LIMIT @take", new DynamicParameters(values), cancellationToken: cancellationToken);

        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RunRow>(pageQuery)).ToList();
        var total = await connection.ExecuteScalarAsync<long>(count);
        var page = rows.Take(limit).ToList();
        var runIds = page.Select(r => r.Id).ToArray();
        // A partitioned step counts once, in its own state, as the run page shows it: not once per day.
        var counts = runIds.Length == 0 ? [] : (await connection.QueryAsync<(string RunId, string State, long Count)>(new CommandDefinition(
            $"SELECT run_id, state, COUNT(*) FROM step_runs WHERE {Dialect.InList("run_id", "runIds")} AND parent_step IS NULL GROUP BY run_id, state",
            new { runIds }, cancellationToken: cancellationToken))).ToList();
        var byRun = counts.ToLookup(c => c.RunId, StringComparer.Ordinal);
        var failedRunIds = counts.Where(c => c.State == "failed").Select(c => c.RunId).Distinct(StringComparer.Ordinal).ToArray();
        var failures = await FirstFailuresAsync(connection, failedRunIds, cancellationToken);
        var summaries = page.Select(r => new RunSummary(r.ToRecord(), byRun[r.Id].ToDictionary(c => c.State, c => checked((int)c.Count), StringComparer.Ordinal))
        {
            FirstFailure = failures.GetValueOrDefault(r.Id),
        }).ToList();
        return new RunPage(summaries, rows.Count > limit ? page[^1].Id : null) { Total = total };
    }

    /// <summary>
    /// The first failed step of each run, all runs in one query over the step_runs key (run_id first). A partitioned
    /// step's own failure speaks for its days, as in the run's error, so only top-level steps are read.
    /// </summary>
    private async Task<Dictionary<string, StepFailure>> FirstFailuresAsync(DbConnection connection, string[] runIds, CancellationToken cancellationToken)
    {
        if (runIds.Length == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(string RunId, string StepId, long? ExitCode, string? Error)>(new CommandDefinition(
            $"""
            SELECT run_id, step_id, exit_code, error FROM (
                SELECT run_id, step_id, exit_code, error,
                       ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY finished_at IS NULL, finished_at, ordinal) AS n
                FROM step_runs WHERE {Dialect.InList("run_id", "runIds")} AND parent_step IS NULL AND state = 'failed'
            ) failed WHERE n = 1
            """,
            new { runIds }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.RunId, r => new StepFailure(r.StepId, r.ExitCode is { } code ? checked((int)code) : null, r.Error), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<QueueCounts>> CountQueuesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        // Both counts use the state indexes; a step is waiting when it is claimable now, as ClaimStepsAsync sees it.
        var runs = await connection.QueryAsync<(string WorkflowId, string State, long Count)>(new CommandDefinition(
            "SELECT workflow_id, state, COUNT(*) FROM runs WHERE state IN ('queued', 'running') GROUP BY workflow_id, state",
            cancellationToken: cancellationToken));
        var steps = await connection.QueryAsync<(string WorkflowId, long Count)>(new CommandDefinition(
            """
            SELECT r.workflow_id, COUNT(*) FROM step_runs s JOIN runs r ON r.id = s.run_id
            WHERE s.state IN ('queued', 'up-for-retry') AND s.ready_at <= @at AND r.state = 'running'
            GROUP BY r.workflow_id
            """, new { at = UnixMs.From(now) }, cancellationToken: cancellationToken));
        // Every workflow, idle ones too: their gauges read 0 rather than vanishing between runs.
        var workflows = await connection.QueryAsync<string>(new CommandDefinition("SELECT id FROM workflows", cancellationToken: cancellationToken));
        var byRunState = runs.ToLookup(r => r.WorkflowId, StringComparer.Ordinal);
        var ready = steps.ToDictionary(s => s.WorkflowId, s => s.Count, StringComparer.Ordinal);
        return [.. workflows.Union(byRunState.Select(g => g.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(w => new QueueCounts(
            w,
            byRunState[w].Where(r => r.State == "running").Sum(r => r.Count),
            byRunState[w].Where(r => r.State == "queued").Sum(r => r.Count),
            ready.GetValueOrDefault(w)))];
    }

    public Task<IReadOnlyList<string>> StartQueuedRunsAsync(Func<string, int> maxActiveRuns, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(maxActiveRuns);
        return WriteObservedAsync<IReadOnlyList<string>>(async (connection, transaction, observed) =>
        {
            await Dialect.LockAsync(connection, transaction, StartQueuedLockKey, cancellationToken);
            // A run waiting for another (a backfill behind the run making its missing upstream days) is left queued
            // until that run has ended, whatever its outcome: the days whose input is still missing then fail alone.
            var queued = (await connection.QueryAsync<(string Id, string WorkflowId, long? StartedAt)>(new CommandDefinition(
                """
                SELECT r.id, r.workflow_id, r.started_at FROM runs r LEFT JOIN runs awaited ON awaited.id = r.waits_for
                WHERE r.state = 'queued' AND (awaited.id IS NULL OR awaited.state IN ('succeeded', 'failed', 'cancelled'))
                ORDER BY r.id
                """, transaction: transaction, cancellationToken: cancellationToken))).ToList();
            if (queued.Count == 0)
            {
                return [];
            }

            var running = (await connection.QueryAsync<(string WorkflowId, long Count)>(new CommandDefinition(
                "SELECT workflow_id, COUNT(*) FROM runs WHERE state = 'running' GROUP BY workflow_id", transaction: transaction, cancellationToken: cancellationToken)))
                .ToDictionary(r => r.WorkflowId, r => r.Count, StringComparer.Ordinal);
            var limits = new Dictionary<string, int>(StringComparer.Ordinal);
            var started = new List<string>();
            foreach (var (id, workflowId, startedAt) in queued)
            {
                if (!limits.TryGetValue(workflowId, out var limit))
                {
                    limits[workflowId] = limit = maxActiveRuns(workflowId);
                }

                var active = running.GetValueOrDefault(workflowId);
                // The state check skips a run cancelled since it was read (its cancel held the row's lock).
                // A resumed run (paused, then queued again) keeps when it first started and its steps as they are.
                if (active < limit && await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE runs SET state = 'running', started_at = COALESCE(started_at, @at) WHERE id = @id AND state = 'queued'",
                        new { id, at = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken)) == 1)
                {
                    // Its first steps (those without dependencies) become ready now, not when the run was queued:
                    // waiting for a slot is not scheduling delay, and claims need not scan the steps of waiting runs.
                    if (startedAt is null)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            "UPDATE step_runs SET state = 'queued', ready_at = @at WHERE run_id = @id AND (state = 'queued' OR (state = 'pending' AND depends_on = '[]'))",
                            new { id, at = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken));
                    }

                    running[workflowId] = active + 1;
                    started.Add(id);
                    if (startedAt is null)
                    {
                        observed.Started(id, workflowId, now);
                    }
                }
            }

            return started;
        }, cancellationToken);
    }
}
