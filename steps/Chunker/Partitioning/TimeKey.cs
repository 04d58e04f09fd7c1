using System.Runtime.InteropServices;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>Sort key of one sensor's row: time, then row index (input order) so the first duplicate stays first.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct TimeKey(long Ticks, int Row) : IComparable<TimeKey>
{
    public int CompareTo(TimeKey other)
    {
        var c = Ticks.CompareTo(other.Ticks);
        return c != 0 ? c : Row.CompareTo(other.Row);
    }

    public static bool operator <(TimeKey left, TimeKey right) => left.CompareTo(right) < 0;

    public static bool operator >(TimeKey left, TimeKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(TimeKey left, TimeKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(TimeKey left, TimeKey right) => left.CompareTo(right) >= 0;
}
