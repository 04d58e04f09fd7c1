using Sylvan.Data.Csv;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>A record as Sylvan read it.</summary>
internal readonly struct SylvanFields(CsvDataReader reader) : IRecordFields
{
    public ReadOnlySpan<char> Field(int index) => reader.GetFieldSpan(index);
}
