namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>A run of whole CSV records cut from an input, handed to a parser worker.</summary>
internal sealed class RecordBlock(int fileIndex, long firstLine, char[] buffer, int length, char quote = '"') : IDisposable
{
    public int FileIndex { get; } = fileIndex;

    /// <summary>Physical line number (1-based) of the block's first record.</summary>
    public long FirstLine { get; } = firstLine;

    public ReadOnlyMemory<char> Text => buffer.AsMemory(0, length);

    /// <summary>Line breaks and special characters, surveyed once when the block is cut.</summary>
    public BlockSurvey Survey { get; } = BlockSurvey.Of(buffer.AsSpan(0, length), quote);

    public void Dispose() => ParsingPools.Chars.Return(buffer);
}
