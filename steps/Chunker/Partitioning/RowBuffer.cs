namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// The rows of one chunk in input order, in pooled fixed-size <see cref="RowSegment"/>s: order, sensor, UTC time,
/// local day, values and texts. Growing never copies; <see cref="Clear"/> gives the segments back to the pool.
/// </summary>
internal sealed class RowBuffer(RowSegmentPool pool)
{
    private readonly List<RowSegment> _segments = [];

    public int Count { get; private set; }

    /// <summary>
    /// True when each sensor's rows were added in strictly increasing time, as the accumulator checks while rows
    /// arrive: then ordering by sensor alone sorts the rows and no two of a sensor share a time, so the writer skips
    /// the time check and the duplicate search, each a pass over the rows in sort order (a cache miss per row).
    /// False unless vouched for; appending another buffer's rows makes it false.
    /// </summary>
    public bool InTimeOrder { get; set; }

    /// <summary>Rows the segments can hold: what the memory budget counts, since that is what is allocated.</summary>
    public int Capacity => _segments.Count * RowSegment.Rows;

    public int ValueCount => pool.ValueCount;

    public int TextCount => pool.TextCount;

    public long Order(int row) => _segments[row >> RowSegment.Shift].Order[row & RowSegment.Mask];

    public int Sensor(int row) => _segments[row >> RowSegment.Shift].Sensor[row & RowSegment.Mask];

    public long Ticks(int row) => _segments[row >> RowSegment.Shift].Ticks[row & RowSegment.Mask];

    public int Day(int row) => _segments[row >> RowSegment.Shift].Day[row & RowSegment.Mask];

    public double Value(int row, int column) =>
        _segments[row >> RowSegment.Shift].Values[((row & RowSegment.Mask) * ValueCount) + column];

    public int Text(int row, int column) =>
        _segments[row >> RowSegment.Shift].Texts[((row & RowSegment.Mask) * TextCount) + column];

    /// <summary>The segment holding a row, and the row's index in it: for reading several columns of one row.</summary>
    public RowSegment SegmentOf(int row, out int index)
    {
        index = row & RowSegment.Mask;
        return _segments[row >> RowSegment.Shift];
    }

    /// <summary>The value columns of one row, to fill.</summary>
    public Span<double> ValuesOf(int row) =>
        _segments[row >> RowSegment.Shift].Values.AsSpan((row & RowSegment.Mask) * ValueCount, ValueCount);

    /// <summary>The text columns of one row, to fill.</summary>
    public Span<int> TextsOf(int row) =>
        _segments[row >> RowSegment.Shift].Texts.AsSpan((row & RowSegment.Mask) * TextCount, TextCount);

    /// <summary>Sets the key columns of a reserved row.</summary>
    public void Set(int row, long order, int sensor, long ticks, int day)
    {
        var segment = _segments[row >> RowSegment.Shift];
        var i = row & RowSegment.Mask;
        segment.Order[i] = order;
        segment.Sensor[i] = sensor;
        segment.Ticks[i] = ticks;
        segment.Day[i] = day;
    }

    /// <summary>An empty buffer drawing on the same segment pool.</summary>
    public RowBuffer CreateEmpty() => new(pool);

    /// <summary>Makes room for one more row and returns its index.</summary>
    public int Add()
    {
        if (Count == Capacity)
        {
            _segments.Add(pool.Rent());
        }

        return Count++;
    }

    /// <summary>Appends every row of <paramref name="other"/>, in its order.</summary>
    public void AddAll(RowBuffer other)
    {
        InTimeOrder = false;
        for (var start = 0; start < other.Count; start += RowSegment.Rows)
        {
            AddRows(other.SegmentOf(start, out _), Math.Min(RowSegment.Rows, other.Count - start));
        }
    }

    /// <summary>Appends the first <paramref name="count"/> rows of <paramref name="segment"/> (read back from a spill).</summary>
    public void AddRows(RowSegment segment, int count)
    {
        InTimeOrder = false;
        for (var row = 0; row < count; row++)
        {
            var i = Add();
            Set(i, segment.Order[row], segment.Sensor[row], segment.Ticks[row], segment.Day[row]);
            segment.Values.AsSpan(row * ValueCount, ValueCount).CopyTo(ValuesOf(i));
            segment.Texts.AsSpan(row * TextCount, TextCount).CopyTo(TextsOf(i));
        }
    }

    /// <summary>Drops every row and gives the segments back to the pool.</summary>
    public void Clear()
    {
        foreach (var segment in _segments)
        {
            pool.Return(segment);
        }

        _segments.Clear();
        Count = 0;
        InTimeOrder = false;
    }
}
