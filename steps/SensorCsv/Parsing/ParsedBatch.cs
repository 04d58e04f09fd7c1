namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// The good rows of one block in columns, with sensor ids and text values numbered locally (the consumer maps
/// them to global numbers), plus the rows that were quarantined. The columns are rented from the array pool:
/// a batch per block would otherwise put about a megabyte of large-object garbage on the heap every time.
/// </summary>
internal sealed class ParsedBatch(int capacity, int valueCount, int textCount) : IDisposable
{
    public int Count { get; private set; }

    public long RecordsRead { get; set; }

    public long[] Order { get; } = ParsingPools.Longs.Rent(capacity);

    public int[] Sensor { get; } = ParsingPools.Ints.Rent(capacity);

    public long[] UtcTicks { get; } = ParsingPools.Longs.Rent(capacity);

    public int[] Day { get; } = ParsingPools.Ints.Rent(capacity);

    /// <summary>Row-major: row r, value column j at r * ValueCount + j.</summary>
    public double[] Values { get; } = ParsingPools.Doubles.Rent(Math.Max(1, capacity * valueCount));

    /// <summary>Row-major local text ids; -1 for a missing text.</summary>
    public int[] Texts { get; } = ParsingPools.Ints.Rent(Math.Max(1, capacity * textCount));

    public int ValueCount { get; } = valueCount;

    public int TextCount { get; } = textCount;

    public List<string> SensorNames { get; } = [];

    /// <summary>
    /// The numbering the batch's sensors come from (the parsing thread's, kept across its blocks), and each local
    /// sensor's number in it: the consumer maps a source's numbers to global ones once, not each block. Null for a
    /// batch made by hand; the consumer then maps the names.
    /// </summary>
    public KnownSensors? SensorSource { get; set; }

    /// <inheritdoc cref="SensorSource"/>
    public List<int> SensorKnownIds { get; } = [];

    public List<string> TextValues { get; } = [];

    public List<QuarantinedRow> Quarantined { get; } = [];

    /// <summary>Claims the next row slot; the parser fills its columns.</summary>
    public int Add() => Count++;

    /// <summary>Gives the slot back when a later field of the row turns out bad.</summary>
    public void RemoveLast() => Count--;

    public void Dispose()
    {
        ParsingPools.Longs.Return(Order);
        ParsingPools.Ints.Return(Sensor);
        ParsingPools.Longs.Return(UtcTicks);
        ParsingPools.Ints.Return(Day);
        ParsingPools.Doubles.Return(Values);
        ParsingPools.Ints.Return(Texts);
    }
}
