namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Orders a chunk's rows by sensor id, then time, then input order, in linear time for the usual input: a stable
/// counting sort by sensor keeps each sensor's rows in input order, which for sensor data is nearly always time
/// order already; only a sensor whose rows are not is sorted by time. A buffer's rows are always in input order
/// (rows are appended as they are read), so index order is input order and a stable sort keeps the first
/// duplicate first.
/// </summary>
internal static class ChunkSorter
{
    /// <summary>Row indexes of <paramref name="rows"/> in output order.</summary>
    public static int[] Sort(RowBuffer rows, int[] sensorRanks)
    {
        var count = rows.Count;
        var sensor = rows.Sensor;
        var ticks = rows.Ticks;
        var starts = new int[sensorRanks.Length + 1];
        for (var i = 0; i < count; i++)
        {
            starts[sensorRanks[sensor[i]] + 1]++;
        }

        for (var r = 1; r < starts.Length; r++)
        {
            starts[r] += starts[r - 1];
        }

        var ordered = new int[count];
        var next = (int[])starts.Clone();
        for (var i = 0; i < count; i++)
        {
            ordered[next[sensorRanks[sensor[i]]]++] = i;
        }

        for (var r = 0; r < sensorRanks.Length; r++)
        {
            SortByTimeIfNeeded(ordered.AsSpan(starts[r], starts[r + 1] - starts[r]), ticks);
        }

        return ordered;
    }

    private static void SortByTimeIfNeeded(Span<int> segment, ReadOnlySpan<long> ticks)
    {
        for (var i = 1; i < segment.Length; i++)
        {
            if (ticks[segment[i]] < ticks[segment[i - 1]])
            {
                var keys = new TimeKey[segment.Length];
                for (var k = 0; k < keys.Length; k++)
                {
                    keys[k] = new TimeKey(ticks[segment[k]], segment[k]);
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
