using System.Data;
using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using Pipeline.Steps.ClusterPredict.Storage;

namespace Pipeline.Benchmarks.PgLoad;

/// <summary>
/// What <see cref="PredictionStore.ReplaceRunAsync"/> does, with Dapper multi-row INSERT statements instead of
/// binary COPY: the same transaction, delete and rows, so the two rates compare.
/// </summary>
internal sealed class InsertBaseline(NpgsqlDataSource dataSource, int rowsPerStatement)
{
    private static readonly string[] Columns = ["r", "s", "d", "c", "x", "m", "t"];
    private readonly string[][] _names = [.. Columns.Select(c => Enumerable.Range(0, rowsPerStatement).Select(i => c + i.ToString(CultureInfo.InvariantCulture)).ToArray())];

    public async Task<long> ReplaceRunAsync(string runId, IReadOnlyList<PredictionRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM cluster_predictions WHERE run_id = @runId", new { runId }, transaction, cancellationToken: cancellationToken));
        var fullStatement = Statement(rowsPerStatement);
        long inserted = 0;
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, rows.Count - start);
            var parameters = new DynamicParameters();
            for (var i = 0; i < count; i++)
            {
                var row = rows[start + i];
                parameters.Add(_names[0][i], row.RunId, DbType.String);
                parameters.Add(_names[1][i], row.SensorId, DbType.String);
                parameters.Add(_names[2][i], row.Day, DbType.Date);
                parameters.Add(_names[3][i], row.Cluster, DbType.Int32);
                parameters.Add(_names[4][i], row.Distance, DbType.Double);
                parameters.Add(_names[5][i], row.ModelVersion, DbType.String);
                parameters.Add(_names[6][i], row.CreatedAt.ToUniversalTime(), DbType.DateTimeOffset);
            }

            inserted += await connection.ExecuteAsync(new CommandDefinition(
                count == rowsPerStatement ? fullStatement : Statement(count), parameters, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private string Statement(int rowCount)
    {
        var sql = new StringBuilder("INSERT INTO cluster_predictions (run_id, sensor_id, day, cluster, distance, model_version, created_at) VALUES ");
        for (var i = 0; i < rowCount; i++)
        {
            sql.Append(i == 0 ? "(" : ",(");
            for (var c = 0; c < Columns.Length; c++)
            {
                sql.Append(c == 0 ? "@" : ",@").Append(_names[c][i]);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}
