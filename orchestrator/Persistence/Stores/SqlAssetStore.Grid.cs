using Dapper;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>Reading the catalog whole: every partition's state for a calendar, and the asset graph's edges.</summary>
public sealed partial class SqlAssetStore
{
    public async Task<PartitionStateList> StatesAsync(string asset, string? firstKey, string? lastKey, CancellationToken cancellationToken)
    {
        // One range of the covering index (asset, state, partition_key) per state, in index order: no table row is
        // read and nothing is sorted. At 100,000 partitions, reading by the primary key (a table lookup per row for
        // its state), a date function per row or Dapper's per-row mapping each cost more than the rest of the answer.
        var sql = $"SELECT {StateCode} AS code, partition_key FROM asset_partitions WHERE asset = @asset AND state IN ({KnownStates})"
            + (firstKey is null ? "" : " AND partition_key >= @firstKey")
            + (lastKey is null ? "" : " AND partition_key <= @lastKey")
            + " ORDER BY state, partition_key";
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { asset, firstKey, lastKey }, cancellationToken: cancellationToken));
        var days = new List<int>();
        var states = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (PartitionStateList.DayNumber(reader.GetString(1)) is { } day)
            {
                days.Add(day);
                states.Add(PartitionStateList.Known[reader.GetInt32(0)]);
            }
        }

        return new PartitionStateList(days, states);
    }

    /// <summary>The known states as SQL literals (constants, so written into the query on both engines).</summary>
    private static readonly string KnownStates = string.Join(", ", PartitionStateList.Known.Select(s => $"'{s}'"));

    /// <summary>The state's index in <see cref="PartitionStateList.Known"/>.</summary>
    private static readonly string StateCode =
        "CASE state " + string.Concat(PartitionStateList.Known.Select((state, i) => $"WHEN '{state}' THEN {i} ")) + "END";

    public async Task<IReadOnlyList<LineageLink>> LineageLinksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LineageLink>(new CommandDefinition(
            """
            SELECT DISTINCT i.input_asset AS InputAsset, r.workflow_id AS Workflow, m.step_id AS StepId, m.asset AS OutputAsset
            FROM materializations m
            LEFT JOIN materialization_inputs i ON i.materialization_id = m.id AND i.input_asset IS NOT NULL
            LEFT JOIN runs r ON r.id = m.run_id
            """,
            cancellationToken: cancellationToken));
        return [.. rows.OrderBy(l => l.OutputAsset, StringComparer.Ordinal).ThenBy(l => l.Workflow, StringComparer.Ordinal)
            .ThenBy(l => l.StepId, StringComparer.Ordinal).ThenBy(l => l.InputAsset, StringComparer.Ordinal)];
    }
}
