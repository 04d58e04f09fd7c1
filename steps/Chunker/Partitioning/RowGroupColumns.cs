using System.Runtime.CompilerServices;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Gathers one row group's key and value columns, as Parquet.Net takes them, in a single pass over its rows. The
/// rows come in sort order, not storage order, so each is a cache miss; reading all of a row's columns at that
/// miss (its values sit side by side in its segment) beats a pass per column, which missed once per column. Value
/// columns are gathered as their present values plus definition levels (1 present, 0 missing), the form Parquet.Net
/// encodes; given nullable values it would build both again from a copy twice their size. Each value column's
/// present values go to the front of its array, and <c>present</c> gets their count.
/// </summary>
internal static class RowGroupColumns
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gather(
        RowBuffer rows, ChunkNames names, ReadOnlySpan<int> keys,
        ReadOnlyMemory<char>[] sensorIds, long[] timestamps, int[] dates, double[][] values, int[][] definitions, Span<int> present)
    {
        var valueCount = rows.ValueCount;
        present.Clear();
        for (var i = 0; i < keys.Length; i++)
        {
            var segment = rows.SegmentOf(keys[i], out var k);
            sensorIds[i] = names.SensorChars[segment.Sensor[k]];
            timestamps[i] = TemporalAnnotations.UnixMicros(segment.Ticks[k]);
            dates[i] = TemporalAnnotations.UnixDays(segment.Day[k]);
            var row = segment.Values.AsSpan(k * valueCount, valueCount);
            for (var j = 0; j < row.Length; j++)
            {
                var v = row[j];
                var isPresent = MissingValue.IsNa(v) ? 0 : 1;
                values[j][present[j]] = v;
                present[j] += isPresent;
                definitions[j][i] = isPresent;
            }
        }
    }
}
