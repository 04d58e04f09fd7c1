namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Growable columns of rows for one chunk: input order, sensor, UTC time, local day, values and texts.
/// The arrays are plain allocations (not pooled) so the <see cref="MemoryGovernor"/> can always give them back.
/// </summary>
internal sealed class RowBuffer(int valueCount, int textCount)
{
    private long[] _order = [];
    private int[] _sensor = [];
    private long[] _ticks = [];
    private int[] _day = [];
    private double[] _values = [];
    private int[] _texts = [];

    public int Count { get; private set; }

    /// <summary>Rows the arrays can hold: what the memory budget counts, since that is what is allocated.</summary>
    public int Capacity { get; private set; }

    public int ValueCount { get; } = valueCount;

    public int TextCount { get; } = textCount;

    /// <summary>Bytes one row takes in memory (and in a spill file).</summary>
    public int RowBytes => 24 + (8 * ValueCount) + (4 * TextCount);

    public Span<long> Order => _order.AsSpan(0, Count);

    public Span<int> Sensor => _sensor.AsSpan(0, Count);

    public Span<long> Ticks => _ticks.AsSpan(0, Count);

    public Span<int> Day => _day.AsSpan(0, Count);

    public Span<double> Values => _values.AsSpan(0, Count * ValueCount);

    public Span<int> Texts => _texts.AsSpan(0, Count * TextCount);

    /// <summary>Makes room for <paramref name="rows"/> more rows and returns the index of the first.</summary>
    public int Reserve(int rows)
    {
        var needed = Count + rows;
        if (needed > Capacity)
        {
            // Growing by half, not double, wastes less of a large chunk's arrays for a few more copies.
            var capacity = Math.Max(needed, Math.Max(64, Capacity + (Capacity / 2)));
            Grow(ref _order, capacity, Count);
            Grow(ref _sensor, capacity, Count);
            Grow(ref _ticks, capacity, Count);
            Grow(ref _day, capacity, Count);
            Grow(ref _values, capacity * ValueCount, Count * ValueCount);
            Grow(ref _texts, capacity * TextCount, Count * TextCount);
            Capacity = capacity;
        }

        var first = Count;
        Count = needed;
        return first;
    }

    /// <summary>Drops every row and the arrays behind them.</summary>
    public void Clear()
    {
        Count = 0;
        Capacity = 0;
        Release(ref _order);
        Release(ref _sensor);
        Release(ref _ticks);
        Release(ref _day);
        Release(ref _values);
        Release(ref _texts);
    }

    private static void Grow<T>(ref T[] array, int length, int used)
    {
        var bigger = GC.AllocateUninitializedArray<T>(length);
        array.AsSpan(0, used).CopyTo(bigger);
        array = bigger;
    }

    private static void Release<T>(ref T[] array) => array = [];
}
