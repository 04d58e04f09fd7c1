namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>A record without quotes, split at every delimiter: <c>starts[i]</c> is where field i begins.</summary>
internal readonly ref struct SplitFields(ReadOnlySpan<char> line, ReadOnlySpan<int> starts) : IRecordFields
{
    private readonly ReadOnlySpan<char> _line = line;
    private readonly ReadOnlySpan<int> _starts = starts;

    // The field ends one before the next one starts (at its delimiter); the last "start" is the line length + 1.
    public ReadOnlySpan<char> Field(int index) => _line[_starts[index]..(_starts[index + 1] - 1)];
}
