using System.Runtime.CompilerServices;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Orders a chunk's rows by sensor id, then time, then input order, in linear time for the usual input: a stable
/// counting sort by sensor keeps each sensor's rows in input order, which for sensor data is nearly always time
/// order already; only a sensor whose rows are not is sorted by time. A buffer's rows are always in input order
/// (rows are appended as they are read), so index order is input order and a stable sort keeps the first
/// duplicate first. A buffer known to be <see cref="RowBuffer.InTimeOrder"/> is not checked at all.
/// </summary>
internal static class ChunkSorter
{
    /// <summary>Writes the row indexes of <paramref name="rows"/> in output order into <paramref name="ordered"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(RowBuffer rows, int[] sensorRanks, Span<int> ordered)
    {
        var count = rows.Count;
        var starts = new int[sensorRanks.Length + 1];
        for (var i = 0; i < count; i++)
        {
            starts[sensorRanks[rows.Sensor(i)] + 1]++;
        }

        for (var r = 1; r < starts.Length; r++)
        {
            starts[r] += starts[r - 1];
        }

        var next = (int[])starts.Clone();
        for (var i = 0; i < count; i++)
        {
            ordered[next[sensorRanks[rows.Sensor(i)]]++] = i;
        }

        if (rows.InTimeOrder)
        {
            return;
        }

        for (var r = 0; r < sensorRanks.Length; r++)
        {
            SortByTimeIfNeeded(ordered[starts[r]..starts[r + 1]], rows);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortByTimeIfNeeded(Span<int> segment, RowBuffer rows)
    {
        for (var i = 1; i < segment.Length; i++)
        {
            if (rows.Ticks(segment[i]) < rows.Ticks(segment[i - 1]))
            {
                var keys = new TimeKey[segment.Length];
                for (var k = 0; k < keys.Length; k++)
                {
                    keys[k] = new TimeKey(rows.Ticks(segment[k]), segment[k]);
                }

                Array.Sort(keys);
                for (var k = 0; k < keys.Length; k++)
                {
                    segment[k] = keys[k].Row;
                }

                return;
            }
        }
    }
}
