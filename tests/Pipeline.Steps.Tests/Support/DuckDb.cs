using DuckDB.NET.Data;

namespace Pipeline.Steps.Tests.Support;

/// <summary>An in-memory DuckDB: the independent implementation the tests check the steps against.</summary>
public static class DuckDb
{
    public static T Scalar<T>(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar()!;
        // DuckDB answers sums of integers as HUGEINT, which arrives as a BigInteger.
        if (value is System.Numerics.BigInteger big)
        {
            value = (decimal)big;
        }

        return (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<object?[]> Rows(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
