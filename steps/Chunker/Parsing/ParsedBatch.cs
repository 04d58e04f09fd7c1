using System.Buffers;

namespace Pipeline.Steps.Chunker.Parsing;

/// <summary>
/// The good rows of one block in columns, with sensor ids and text values numbered locally (the consumer maps
/// them to global numbers), plus the rows that were quarantined. The columns are rented from the array pool:
/// a batch per block would otherwise put about a megabyte of large-object garbage on the heap every time.
/// </summary>
internal sealed class ParsedBatch(int capacity, int valueCount, int textCount) : IDisposable
{
    public int Count { get; private set; }

    public long RecordsRead { get; set; }

    public long[] Order { get; } = ArrayPool<long>.Shared.Rent(capacity);

    public int[] Sensor { get; } = ArrayPool<int>.Shared.Rent(capacity);

    public long[] UtcTicks { get; } = ArrayPool<long>.Shared.Rent(capacity);

    public int[] Day { get; } = ArrayPool<int>.Shared.Rent(capacity);

    /// <summary>Row-major: row r, value column j at r * ValueCount + j.</summary>
    public double[] Values { get; } = ArrayPool<double>.Shared.Rent(Math.Max(1, capacity * valueCount));

    /// <summary>Row-major local text ids; -1 for a missing text.</summary>
    public int[] Texts { get; } = ArrayPool<int>.Shared.Rent(Math.Max(1, capacity * textCount));

    public int ValueCount { get; } = valueCount;

    public int TextCount { get; } = textCount;

    public List<string> SensorNames { get; } = [];

    public List<string> TextValues { get; } = [];

    public List<QuarantinedRow> Quarantined { get; } = [];

    /// <summary>Claims the next row slot; the parser fills its columns.</summary>
    public int Add() => Count++;

    /// <summary>Gives the slot back when a later field of the row turns out bad.</summary>
    public void RemoveLast() => Count--;

    public void Dispose()
    {
        ArrayPool<long>.Shared.Return(Order);
        ArrayPool<int>.Shared.Return(Sensor);
        ArrayPool<long>.Shared.Return(UtcTicks);
        ArrayPool<int>.Shared.Return(Day);
        ArrayPool<double>.Shared.Return(Values);
        ArrayPool<int>.Shared.Return(Texts);
    }
}
