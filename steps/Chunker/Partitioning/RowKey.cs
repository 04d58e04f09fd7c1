using System.Runtime.InteropServices;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>Sort key of a buffered row: sensor (by id text), time, then input order so the first duplicate wins.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct RowKey(int SensorRank, long Ticks, long Order, int Row) : IComparable<RowKey>
{
    public int CompareTo(RowKey other)
    {
        var c = SensorRank.CompareTo(other.SensorRank);
        if (c != 0)
        {
            return c;
        }

        c = Ticks.CompareTo(other.Ticks);
        return c != 0 ? c : Order.CompareTo(other.Order);
    }

    public static bool operator <(RowKey left, RowKey right) => left.CompareTo(right) < 0;

    public static bool operator >(RowKey left, RowKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(RowKey left, RowKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(RowKey left, RowKey right) => left.CompareTo(right) >= 0;
}
