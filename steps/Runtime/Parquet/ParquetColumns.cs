using Parquet.Schema;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Runtime.Parquet;

/// <summary>Turns a Parquet schema into the manifest's column list.</summary>
public static class ParquetColumns
{
    public static IReadOnlyList<ColumnSchema> Describe(ParquetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return [.. schema.GetDataFields().Select(f => new ColumnSchema(f.Name, TypeName(f), f.IsNullable))];
    }

    private static string TypeName(DataField field) => field switch
    {
        DateTimeDataField { DateTimeFormat: DateTimeFormat.Date } => "date",
        DateTimeDataField => "timestamp",
        _ when field.ClrType == typeof(DateOnly) => "date",
        _ when field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>) => "string",
        _ when field.ClrType == typeof(double) => "double",
        _ when field.ClrType == typeof(float) => "float",
        _ when field.ClrType == typeof(long) => "int64",
        _ when field.ClrType == typeof(int) => "int32",
        _ when field.ClrType == typeof(bool) => "boolean",
        _ => field.ClrType.Name.ToLowerInvariant(),
    };
}
