using Parquet;
using Parquet.Schema;
using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// Writes feature tables as Parquet: a table as a file of one row group (a day of an asset), or each window of days
/// of a run as a row group of the run's file (<see cref="FeatureFile"/>).
/// </summary>
internal static class FeatureWriter
{
    public static ParquetSchema Schema(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        List<Field> fields =
        [
            new DataField("sensor_id", typeof(string), isNullable: false),
            new DataField("day", typeof(DateOnly), isNullable: false),
            new DataField("readings", typeof(long), isNullable: false),
            new DataField("low_readings", typeof(bool), isNullable: false),
        ];
        fields.AddRange(table.Columns.Select(c => c.Kind switch
        {
            FeatureKind.Count => new DataField(c.Name, typeof(long), isNullable: false),
            FeatureKind.MissingShare => new DataField(c.Name, typeof(double), isNullable: false),
            _ => new DataField(c.Name, typeof(double), isNullable: true),
        }));
        return new ParquetSchema(fields);
    }

    /// <summary>Writes <paramref name="table"/> as the whole file at <paramref name="path"/>, one row group.</summary>
    public static async Task WriteAsync(string path, FeatureTable table, ParquetSchema schema, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, null, false, cancellationToken);
        await WriteRowGroupAsync(writer, table, schema, cancellationToken);
    }

    /// <summary>Adds <paramref name="table"/> to <paramref name="writer"/>'s file as one row group (a window of days of a run).</summary>
    public static async Task WriteRowGroupAsync(ParquetWriter writer, FeatureTable table, ParquetSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(table);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var fields = schema.GetDataFields();
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], rows.Select(r => table.Key(r).SensorId).ToArray(), null);
        await group.WriteAsync<DateOnly>(fields[1], rows.Select(r => table.Key(r).Day).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<long>(fields[2], rows.Select(table.Readings).ToArray(), null, null, cancellationToken);
        await group.WriteAsync<bool>(fields[3], rows.Select(table.IsLowReadings).ToArray(), null, null, cancellationToken);
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var field = fields[FeatureTable.KeyColumnCount + i];
            var values = table.Values(column);
            await (column.Kind switch
            {
                FeatureKind.Count => group.WriteAsync<long>(field, Defined(values.Span, v => (long)v), null, null, cancellationToken),
                FeatureKind.MissingShare => group.WriteAsync<double>(field, Defined(values.Span, v => v), null, null, cancellationToken),
                _ => group.WriteAsync<double>(field, values, null, null, cancellationToken),
            });
        }
    }

    /// <summary>A column whose statistic is always defined (count, missing share), converted in one copy.</summary>
    private static T[] Defined<T>(ReadOnlySpan<double?> values, Func<double, T> convert)
    {
        var result = new T[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = convert(values[i]!.Value);
        }

        return result;
    }
}
