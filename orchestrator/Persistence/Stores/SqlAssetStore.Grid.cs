using Dapper;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>Reading the catalog whole: every partition's state for a calendar, and the asset graph's edges.</summary>
public sealed partial class SqlAssetStore
{
    public async Task<PartitionStateList> StatesAsync(string asset, string? firstKey, string? lastKey, CancellationToken cancellationToken)
    {
        // Two columns of one primary-key range, read straight off the data reader: at 100,000 partitions Dapper's
        // per-row mapping would be a good part of the answer's time.
        var sql = "SELECT partition_key, state FROM asset_partitions WHERE asset = @asset"
            + (firstKey is null ? "" : " AND partition_key >= @firstKey")
            + (lastKey is null ? "" : " AND partition_key <= @lastKey")
            + " ORDER BY partition_key";
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, new { asset, firstKey, lastKey }, cancellationToken: cancellationToken));
        var keys = new List<string>();
        var states = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
            // A handful of distinct states: keep one string of each rather than 100,000 copies.
            states.Add(KnownState(reader.GetString(1)));
        }

        return new PartitionStateList(keys, states);
    }

    private static string KnownState(string state) => PartitionStates.All.FirstOrDefault(s => s == state) ?? state;

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
