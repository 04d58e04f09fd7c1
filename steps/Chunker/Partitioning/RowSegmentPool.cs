namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Segments given back by written chunks, handed out again to new ones. Keeps at most
/// <paramref name="maxIdle"/> idle: beyond that a returned segment is dropped, so an idle pool never holds more
/// than a bounded share of the memory budget.
/// </summary>
internal sealed class RowSegmentPool(int valueCount, int textCount, int maxIdle)
{
    private readonly Stack<RowSegment> _idle = new();
    private readonly Lock _gate = new();

    public int ValueCount { get; } = valueCount;

    public int TextCount { get; } = textCount;

    public RowSegment Rent()
    {
        lock (_gate)
        {
            if (_idle.TryPop(out var segment))
            {
                return segment;
            }
        }

        return new RowSegment(ValueCount, TextCount);
    }

    public void Return(RowSegment segment)
    {
        lock (_gate)
        {
            if (_idle.Count < maxIdle)
            {
                _idle.Push(segment);
            }
        }
    }
}
