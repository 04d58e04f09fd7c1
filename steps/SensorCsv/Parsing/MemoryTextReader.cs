namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>A <see cref="TextReader"/> over characters already in memory, so Sylvan can parse a block without copying it.</summary>
internal sealed class MemoryTextReader(ReadOnlyMemory<char> text) : TextReader
{
    private ReadOnlyMemory<char> _rest = text;

    public override int Peek() => _rest.IsEmpty ? -1 : _rest.Span[0];

    public override int Read()
    {
        if (_rest.IsEmpty)
        {
            return -1;
        }

        var c = _rest.Span[0];
        _rest = _rest[1..];
        return c;
    }

    public override int Read(Span<char> buffer)
    {
        var n = Math.Min(buffer.Length, _rest.Length);
        _rest.Span[..n].CopyTo(buffer);
        _rest = _rest[n..];
        return n;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
}
