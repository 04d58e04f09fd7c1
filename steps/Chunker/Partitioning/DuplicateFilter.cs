using System.Runtime.CompilerServices;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Walks a chunk's rows in sort order and keeps the first of each (sensor, time); the rest are reported as
/// duplicates of it. Each row is read once, through its segment, with the previous row's key held in locals.
/// </summary>
internal static class DuplicateFilter
{
    /// <summary>
    /// Rows <see cref="RowBuffer.InTimeOrder"/> hold no duplicate: all are kept, and only their days are listed, in
    /// one pass in storage order.
    /// </summary>
    /// <returns>How many rows were kept: all of them.</returns>
    public static int KeepAll(RowBuffer rows, SortedSet<int> days)
    {
        var lastDay = 0;
        for (var row = 0; row < rows.Count; row++)
        {
            var day = rows.Day(row);
            if (row == 0 || day != lastDay)
            {
                days.Add(day);
            }

            lastDay = day;
        }

        return rows.Count;
    }

    /// <returns>How many rows were kept (written to the front of <paramref name="kept"/>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Keep(
        RowBuffer rows, ReadOnlySpan<int> ordered, int[] kept, string[] sensors, List<DuplicateRow> duplicates, SortedSet<int> days)
    {
        var keptCount = 0;
        var lastSensor = -1;
        var lastDay = 0;
        var lastTicks = 0L;
        var firstOrder = 0L;
        for (var i = 0; i < ordered.Length; i++)
        {
            var row = ordered[i];
            var segment = rows.SegmentOf(row, out var k);
            var sensor = segment.Sensor[k];
            var ticks = segment.Ticks[k];
            if (i > 0 && sensor == lastSensor && ticks == lastTicks)
            {
                duplicates.Add(new DuplicateRow(segment.Order[k], firstOrder, sensors[sensor], ticks));
                continue;
            }

            lastSensor = sensor;
            lastTicks = ticks;
            firstOrder = segment.Order[k];
            var day = segment.Day[k];
            if (keptCount == 0 || day != lastDay)
            {
                days.Add(day);
            }

            lastDay = day;
            kept[keptCount++] = row;
        }

        return keptCount;
    }
}
