using Dapper;
using Npgsql;
using NpgsqlTypes;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>
/// Writes a run's predictions to <c>cluster_predictions</c>. A run is replaced as a whole in one transaction, so
/// re-running it never duplicates rows, and a failure part-way (server gone, cancelled, a bad row) leaves the
/// run's previous rows as they were. Failures arrive as <see cref="Formats.StepException"/>: 75 when a retry may
/// succeed, 78 for a wrong login or database, 65 for rows that break a constraint.
/// </summary>
public sealed class PredictionStore
{
    // Separates this store's run locks from other advisory locks in the same database (two-key form, class id).
    private const int RunLockClass = 0x43505244;

    private const string CopySql =
        "COPY cluster_predictions (run_id, sensor_id, day, cluster, distance, model_version, created_at) FROM STDIN (FORMAT BINARY)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _endpoint;

    /// <param name="dataSource">The database; its schema must have been migrated by <see cref="PostgresSchema"/>.</param>
    public PredictionStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _endpoint = PostgresConnection.Endpoint(dataSource.ConnectionString);
    }

    /// <summary>
    /// In one transaction: deletes the run's rows, copies <paramref name="rows"/> in with binary COPY (in primary-key
    /// order; they are sorted first unless they already are), commits.
    /// Every row must belong to <paramref name="runId"/> (else <see cref="ArgumentException"/>, and nothing changes).
    /// </summary>
    public async Task<ReplaceRunResult> ReplaceRunAsync(string runId, IReadOnlyCollection<PredictionRow> rows, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = PredictionOrder.InKeyOrder(rows);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Two attempts of one run at once would both delete, then collide on the primary key: take turns.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@RunLockClass, hashtext(@runId))", new { RunLockClass, runId }, transaction, cancellationToken: cancellationToken));
            var deleted = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM cluster_predictions WHERE run_id = @runId", new { runId }, transaction, cancellationToken: cancellationToken));
            var inserted = await CopyAsync(connection, runId, ordered, cancellationToken);
            // A connection lost during the commit leaves unknown whether the run landed; being transient, it is
            // retried, and the retry replaces the run either way. An attempt superseded meanwhile rolls back.
            AttemptFence.Check();
            await transaction.CommitAsync(cancellationToken);
            return new ReplaceRunResult(deleted, inserted);
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseFailure(e))
        {
            throw PostgresFailures.Classify(e, _endpoint, $"replacing the predictions of run '{runId}'");
        }
    }

    /// <summary>How many rows the run has.</summary>
    public async Task<long> CountRunAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM cluster_predictions WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken));
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseFailure(e))
        {
            throw PostgresFailures.Classify(e, _endpoint, $"counting the predictions of run '{runId}'");
        }
    }

    /// <summary>The run's rows in key order (day, sensor), read back exactly as stored (for checks and tests).</summary>
    internal async Task<IReadOnlyList<PredictionRow>> ReadRunAsync(string runId, CancellationToken cancellationToken)
    {
        // A plain reader: DateOnly and DateTimeOffset come back through Npgsql's own type mapping, unconverted.
        await using var command = _dataSource.CreateCommand(
            "SELECT run_id, sensor_id, day, cluster, distance, model_version, created_at FROM cluster_predictions WHERE run_id = $1 ORDER BY day, sensor_id");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PredictionRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PredictionRow(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt32(3),
                reader.GetDouble(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }

    private static async Task<long> CopyAsync(
        NpgsqlConnection connection, string runId, IReadOnlyCollection<PredictionRow> rows, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken);
        var count = 0;
        foreach (var row in rows)
        {
            // Most writes complete in the importer's buffer without looking at the token: check it now and then.
            if ((++count & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Failing mid-COPY is safe: the COPY and the delete before it roll back with the transaction.
            if (row.RunId != runId)
            {
                throw new ArgumentException($"a row of run '{row.RunId}' was given to replace run '{runId}'", nameof(rows));
            }

            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.RunId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.SensorId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Day, NpgsqlDbType.Date, cancellationToken);
            await importer.WriteAsync(row.Cluster, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(row.Distance, NpgsqlDbType.Double, cancellationToken);
            await importer.WriteAsync(row.ModelVersion, NpgsqlDbType.Text, cancellationToken);
            // timestamptz takes UTC only: Npgsql refuses a DateTimeOffset with any other offset.
            await importer.WriteAsync(row.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        return checked((long)await importer.CompleteAsync(cancellationToken));
    }
}
