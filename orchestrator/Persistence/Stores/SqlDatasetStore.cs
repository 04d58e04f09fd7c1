using Dapper;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>
/// Received datasets and the runs their arrival started, over either engine. The content hash is unique: adding a
/// dataset whose bytes are already here gives back the one that is, so two uploads of one file racing each other
/// store it once.
/// </summary>
public sealed class SqlDatasetStore : IDatasetStore
{
    private readonly OrchestratorDatabase _database;

    internal SqlDatasetStore(OrchestratorDatabase database) => _database = database;

    /// <summary>Adds the dataset, or returns the one with the same content (<c>Added</c> false).</summary>
    public Task<(DatasetRecord Stored, bool Added)> AddAsync(DatasetRecord dataset, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            var added = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO datasets (id, name, sha256, bytes, path, source_url, time_zone, schema_json, row_count, good_rows, sensors,
                                      first_day, last_day, problems_json, created_at, created_by, triggers_fired_at)
                VALUES (@Id, @Name, @Sha256, @Bytes, @Path, @SourceUrl, @TimeZone, @SchemaJson, @Rows, @GoodRows, @Sensors,
                        @FirstDay, @LastDay, @ProblemsJson, @CreatedAt, @CreatedBy, @TriggersFiredAt)
                ON CONFLICT DO NOTHING
                """,
                DatasetRow.Parameters(dataset), transaction, cancellationToken: cancellationToken)) == 1;
            if (added)
            {
                return (dataset, true);
            }

            var existing = await connection.QuerySingleAsync<DatasetRow>(new CommandDefinition(
                $"SELECT {DatasetRow.Columns} FROM datasets WHERE sha256 = @Sha256 OR id = @Id", new { dataset.Sha256, dataset.Id }, transaction, cancellationToken: cancellationToken));
            return (existing.ToRecord(), false);
        }, cancellationToken);

    public async Task<DatasetRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DatasetRow>(new CommandDefinition(
            $"SELECT {DatasetRow.Columns} FROM datasets WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<DatasetRecord?> FindBySha256Async(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DatasetRow>(new CommandDefinition(
            $"SELECT {DatasetRow.Columns} FROM datasets WHERE sha256 = @sha256", new { sha256 }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>A page, newest first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<DatasetRecord> Page, long Total)> ListAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DatasetRow>(new CommandDefinition(
            $"SELECT {DatasetRow.Columns} FROM datasets ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset", new { limit, offset }, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM datasets", cancellationToken: cancellationToken));
        return ([.. rows.Select(r => r.ToRecord())], total);
    }

    /// <summary>Removes the dataset and its run links; the removed record, or null when there was none.</summary>
    public Task<DatasetRecord?> DeleteAsync(string id, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<DatasetRow>(new CommandDefinition(
                $"SELECT {DatasetRow.Columns} FROM datasets WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            if (row is null)
            {
                return null;
            }

            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM dataset_runs WHERE dataset_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM datasets WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            return row.ToRecord();
        }, cancellationToken);

    /// <summary>Marks the dataset's triggers as handled (once: a later call changes nothing).</summary>
    public Task<bool> MarkTriggersFiredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE datasets SET triggers_fired_at = @now WHERE id = @id AND triggers_fired_at IS NULL",
            new { id, now = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken)) == 1, cancellationToken);

    /// <summary>Datasets whose triggers were never handled (their server stopped first), oldest first.</summary>
    public async Task<IReadOnlyList<DatasetRecord>> UntriggeredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DatasetRow>(new CommandDefinition(
            $"SELECT {DatasetRow.Columns} FROM datasets WHERE triggers_fired_at IS NULL ORDER BY created_at", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    public Task AddRunAsync(string datasetId, DatasetRun run, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO dataset_runs (dataset_id, workflow_id, run_id, error, at) VALUES (@datasetId, @WorkflowId, @RunId, @Error, @at) ON CONFLICT DO NOTHING",
            new { datasetId, run.WorkflowId, run.RunId, run.Error, at = UnixMs.From(run.At) }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<IReadOnlyList<DatasetRun>> RunsAsync(string datasetId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string WorkflowId, string? RunId, string? Error, long At)>(new CommandDefinition(
            "SELECT workflow_id, run_id, error, at FROM dataset_runs WHERE dataset_id = @datasetId ORDER BY workflow_id", new { datasetId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new DatasetRun(r.WorkflowId, r.RunId, r.Error, UnixMs.To(r.At)))];
    }
}
