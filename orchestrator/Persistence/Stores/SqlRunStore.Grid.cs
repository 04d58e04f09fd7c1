using Dapper;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>A workflow's run history as a grid: a page of its runs and their step runs.</summary>
public sealed partial class SqlRunStore
{
    /// <summary>The most runs one grid page returns.</summary>
    public const int MaxGridPageSize = 100;

    public async Task<RunGridPage> GetRunGridAsync(RunGridQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Before is not null && query.After is not null)
        {
            throw new ArgumentException("give before or after, not both", nameof(query));
        }

        var limit = Math.Clamp(query.Limit, 1, MaxGridPageSize);
        var forward = query.After is not null;
        var cursor = query.Before ?? query.After;
        // Both reads walk the (workflow_id, id) index from the cursor: the page (one run more than asked tells
        // whether another page follows) and, in the same statement, the one run just beyond the cursor the other
        // way, which tells whether a page lies there. Without a cursor the page starts at the newest run.
        var page = forward ? "id > @cursor ORDER BY id" : cursor is null ? "1 = 1 ORDER BY id DESC" : "id < @cursor ORDER BY id DESC";
        var beyond = forward ? "id <= @cursor ORDER BY id DESC" : "id >= @cursor ORDER BY id";
        var sql = $"SELECT * FROM (SELECT {RunRow.Columns} FROM runs WHERE workflow_id = @workflow AND {page} LIMIT @take) AS page";
        if (cursor is not null)
        {
            sql += $" UNION ALL SELECT * FROM (SELECT {RunRow.Columns} FROM runs WHERE workflow_id = @workflow AND {beyond} LIMIT 1) AS beyond";
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RunRow>(new CommandDefinition(
            sql, new { workflow = query.WorkflowId, cursor, take = (long)limit + 1 }, cancellationToken: cancellationToken))).ToList();
        var inPage = rows.Where(r => cursor is null || (forward ? string.CompareOrdinal(r.Id, cursor) > 0 : string.CompareOrdinal(r.Id, cursor) < 0)).ToList();
        var more = inPage.Count > limit;
        var runs = inPage.OrderByDescending(r => r.Id, StringComparer.Ordinal).ToList();
        // Forward pages read oldest first, so the run past the page is the newest one; backward pages the oldest.
        runs = forward ? [.. runs.Skip(more ? 1 : 0)] : [.. runs.Take(limit)];
        var beyondCursor = cursor is not null && rows.Count > inPage.Count;

        var runIds = runs.Select(r => r.Id).ToArray();
        var steps = runIds.Length == 0 ? [] : await connection.QueryAsync<GridStepRunRow>(new CommandDefinition(
            // A partitioned step is one row of the grid: its partitions' own step runs are left out.
            $"SELECT {GridStepRunRow.Columns} FROM step_runs WHERE {Dialect.InList("run_id", "runIds")} AND parent_step IS NULL", new { runIds }, cancellationToken: cancellationToken));
        return new RunGridPage(
            [.. runs.Select(r => r.ToRecord())],
            [.. steps.Select(s => s.ToRecord())],
            HasOlder: forward ? beyondCursor : more,
            HasNewer: forward ? more : beyondCursor);
    }
}
