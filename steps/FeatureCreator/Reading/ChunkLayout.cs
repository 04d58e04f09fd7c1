using Parquet.Schema;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.FeatureCreator.Reading;

/// <summary>The fields of one chunk file that the reader needs, checked against what the contract promises.</summary>
internal sealed record ChunkLayout(DataField Sensor, DataField Date, IReadOnlyList<DataField> Values, IReadOnlyList<DataField> Texts, IReadOnlyList<string> AllColumns)
{
    /// <summary>Finds the key, selected value and text columns; a missing or mistyped one is bad data naming file and column.</summary>
    public static ChunkLayout Resolve(ParquetSchema schema, string path, IReadOnlyList<string> valueColumns, IReadOnlyList<string> textColumns)
    {
        var fields = schema.Fields.OfType<DataField>().Where(f => !f.IsArray)
            .ToDictionary(f => f.Name, StringComparer.Ordinal);
        var sensor = Require(fields, ChunkColumns.SensorId, path, "string",
            f => f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>));
        Require(fields, ChunkColumns.Timestamp, path, "timestamp",
            f => f is DateTimeDataField || f.ClrType == typeof(DateTime) || f.ClrType == typeof(DateTimeOffset));
        var date = Require(fields, ChunkColumns.Date, path, "DATE", f => f.ClrType == typeof(DateOnly));
        var values = valueColumns.Select(c => Require(fields, c, path, "double", f => f.ClrType == typeof(double))).ToArray();
        var texts = textColumns.Select(c => Require(fields, c, path, "string", IsText)).ToArray();
        return new ChunkLayout(sensor, date, values, texts, [.. schema.Fields.Select(f => f.Name)]);
    }

    /// <summary>Text columns (strings other than the keys): candidates for sensor attributes such as a sensor type.</summary>
    public static IReadOnlyList<string> GuessTextColumns(ParquetSchema schema) =>
        [.. schema.Fields.OfType<DataField>().Where(f => !f.IsArray && IsText(f) && !ChunkColumns.IsKey(f.Name)).Select(f => f.Name)];

    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>Available value columns when no manifest names them: nullable doubles other than the keys.</summary>
    public static IReadOnlyList<string> GuessValueColumns(ParquetSchema schema) =>
        [.. schema.Fields.OfType<DataField>()
            .Where(f => !f.IsArray && f.IsNullable && f.ClrType == typeof(double) && !ChunkColumns.IsKey(f.Name))
            .Select(f => f.Name)];

    private static DataField Require(
        Dictionary<string, DataField> fields, string name, string path, string expected, Func<DataField, bool> fits)
    {
        if (!fields.TryGetValue(name, out var field))
        {
            throw StepException.BadData(
                $"chunk file has no column '{name}' (columns: {string.Join(", ", fields.Keys)})", new SourceLocation(path));
        }

        if (!fits(field))
        {
            throw StepException.BadData(
                $"column '{name}' has type {field.ClrType.Name}, expected {expected}", new SourceLocation(path));
        }

        return field;
    }
}
