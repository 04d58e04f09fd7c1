
namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>The schema the run used, as written to the manifest; <see cref="Detected"/> lists what came from the data.</summary>
public sealed record SchemaReport(
    string Delimiter,
    string Quote,
    IReadOnlyList<string> Header,
    string SensorColumn,
    string? TimestampColumn,
    string? TimestampFormat,
    IReadOnlyList<string> TimestampParts,
    string TimeZone,
    IReadOnlyList<string> ValueColumns,
    IReadOnlyList<string> TextColumns,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> NaTokens,
    IReadOnlyList<string> Detected)
{
    internal static SchemaReport From(InputSchema schema) => new(
        schema.Delimiter == '\t' ? "tab" : schema.Delimiter.ToString(),
        schema.Quote.ToString(),
        schema.Header,
        schema.Name(schema.SensorIndex),
        schema.TimestampIndex >= 0 ? schema.Name(schema.TimestampIndex) : null,
        schema.TimestampFormat,
        [.. schema.TimestampParts.Select(schema.Name)],
        schema.TimeZone.Id,
        [.. schema.ValueIndexes.Select(schema.Name)],
        [.. schema.TextIndexes.Select(schema.Name)],
        [.. schema.IgnoredIndexes.Select(schema.Name)],
        schema.NaTokens,
        schema.Detected);

    /// <summary>
    /// Options that pin every choice made on the first input, so later inputs are read the same way (by column
    /// name, whatever their column order) and a file that lacks a column fails instead of changing the output.
    /// </summary>
    public CsvSchemaOptions Pin(CsvSchemaOptions options) => options with
    {
        Delimiter = Delimiter,
        Quote = Quote[0],
        SensorColumn = SensorColumn,
        TimestampColumn = TimestampColumn,
        TimestampFormat = TimestampFormat,
        TimestampParts = TimestampParts.Count > 0 ? [.. TimestampParts] : null,
        TimeZone = TimeZone,
        ValueColumns = [.. ValueColumns],
        TextColumns = TextColumns.Count > 0 ? [.. TextColumns] : [],
        NaTokens = [.. NaTokens],
    };
}
