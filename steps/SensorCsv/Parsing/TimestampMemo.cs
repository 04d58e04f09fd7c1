namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// The last timestamp text parsed and what it resolved to. Sensor CSV usually lists every sensor's reading of one
/// instant together, so a row's timestamp is mostly the text of the row before; comparing the text is several
/// times cheaper than parsing it and resolving it in the time zone again.
/// </summary>
internal sealed class TimestampMemo
{
    private const int MaxChars = 64;
    private readonly char[] _text = new char[MaxChars];
    private int _length = -1;
    private long _utcTicks;
    private int _day;

    public bool TryGet(ReadOnlySpan<char> text, out long utcTicks, out int day)
    {
        utcTicks = _utcTicks;
        day = _day;
        return _length >= 0 && text.SequenceEqual(_text.AsSpan(0, _length));
    }

    /// <summary>Remembers a text that parsed and resolved; a text longer than any sensible timestamp is not kept.</summary>
    public void Set(ReadOnlySpan<char> text, long utcTicks, int day)
    {
        if (text.Length > MaxChars)
        {
            _length = -1;
            return;
        }

        text.CopyTo(_text);
        _length = text.Length;
        _utcTicks = utcTicks;
        _day = day;
    }
}
