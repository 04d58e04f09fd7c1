namespace Pipeline.Steps.FeatureCreator.Reading;

/// <summary>
/// One worker's column buffers, grown to the largest row group seen and reused for every other one, so reading
/// allocates per row group at most, never per row.
/// </summary>
internal sealed class ColumnBuffers(int valueColumns, int textColumns = 0)
{
    public ReadOnlyMemory<char>[] Sensors { get; private set; } = [];

    public DateOnly[] Dates { get; private set; } = [];

    /// <summary>Definition levels of a nullable key column; a level below the maximum is a null.</summary>
    public int[] KeyLevels { get; private set; } = [];

    /// <summary>Non-null values of each value column, packed in row order (nulls are left out).</summary>
    public double[][] Values { get; } = [.. Enumerable.Range(0, valueColumns).Select(_ => Array.Empty<double>())];

    public int[][] Levels { get; } = [.. Enumerable.Range(0, valueColumns).Select(_ => Array.Empty<int>())];

    /// <summary>Non-null values of each text column, packed in row order.</summary>
    public ReadOnlyMemory<char>[][] Texts { get; } = [.. Enumerable.Range(0, textColumns).Select(_ => Array.Empty<ReadOnlyMemory<char>>())];

    public int[][] TextLevels { get; } = [.. Enumerable.Range(0, textColumns).Select(_ => Array.Empty<int>())];

    /// <summary>Per row: 1 when at least one selected value is finite.</summary>
    public byte[] Finite { get; private set; } = [];

    public int Capacity { get; private set; }

    public void EnsureCapacity(int rows)
    {
        if (rows <= Capacity)
        {
            return;
        }

        // Grow by half again so a file of slowly growing row groups does not reallocate every time.
        var capacity = Math.Max(rows, (int)Math.Min(int.MaxValue, Capacity * 3L / 2));
        Sensors = new ReadOnlyMemory<char>[capacity];
        Dates = new DateOnly[capacity];
        KeyLevels = new int[capacity];
        Finite = new byte[capacity];
        for (var i = 0; i < Values.Length; i++)
        {
            Values[i] = new double[capacity];
            Levels[i] = new int[capacity];
        }

        for (var i = 0; i < Texts.Length; i++)
        {
            Texts[i] = new ReadOnlyMemory<char>[capacity];
            TextLevels[i] = new int[capacity];
        }

        Capacity = capacity;
    }

    /// <summary>Drops the references into the decoder's string buffers so they can be collected.</summary>
    public void ReleaseStrings(int rows)
    {
        Array.Clear(Sensors, 0, Math.Min(rows, Sensors.Length));
        foreach (var texts in Texts)
        {
            Array.Clear(texts, 0, Math.Min(rows, texts.Length));
        }
    }
}
