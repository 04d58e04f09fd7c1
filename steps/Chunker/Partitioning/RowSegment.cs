namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// A fixed number of rows in columns: the unit a <see cref="RowBuffer"/> grows by. Fixed-size blocks are reused
/// through the <see cref="RowSegmentPool"/> instead of being regrown and dropped, which used to put tens of
/// megabytes of large-object garbage on the heap per chunk and made the GC the Chunker's largest cost.
/// </summary>
internal sealed class RowSegment(int valueCount, int textCount)
{
    public const int Shift = 14;
    public const int Rows = 1 << Shift;
    public const int Mask = Rows - 1;

    public long[] Order { get; } = new long[Rows];

    public int[] Sensor { get; } = new int[Rows];

    public long[] Ticks { get; } = new long[Rows];

    public int[] Day { get; } = new int[Rows];

    /// <summary>Row-major: row r, value column j at r * valueCount + j.</summary>
    public double[] Values { get; } = new double[Rows * valueCount];

    /// <summary>Row-major global text ids; -1 for a missing text.</summary>
    public int[] Texts { get; } = new int[Rows * textCount];

    /// <summary>Bytes one row takes in a segment.</summary>
    public static int RowBytes(int valueCount, int textCount) => 24 + (8 * valueCount) + (4 * textCount);
}
