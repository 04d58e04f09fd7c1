namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// The fields of one record as spans, whoever split it: Sylvan (quoted input) or <see cref="PlainRecordParser"/>.
/// Used as a generic constraint so the row parser is compiled once per source, with no interface call per field.
/// </summary>
internal interface IRecordFields
{
    ReadOnlySpan<char> Field(int index);
}
