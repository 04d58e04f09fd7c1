namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// A growable table of fixed-width entries kept in segments of <see cref="Entries"/> entries. Growing adds a
/// segment and never copies: a doubling array of 100,000 sensor-days would leave its old copies as garbage in the
/// large-object heap, which only full collections reclaim. A segment of up to 14 value columns' accumulators stays
/// under the step's 1 MiB large-object threshold. With a <paramref name="pool"/>, segments come from it and go back
/// to it on <see cref="Release"/>.
/// </summary>
internal sealed class Segments<T>(int width, SegmentPool<T>? pool = null)
{
    public const int Entries = 1024;

    private readonly List<T[]> _segments = [];

    /// <summary>Items per entry (0: entries hold nothing, and no segment is allocated).</summary>
    public int Width => width;

    /// <summary>The items of entry <paramref name="entry"/>, which must be below the count last made room for.</summary>
    public Span<T> Of(int entry) => width == 0 ? [] : _segments[entry / Entries].AsSpan(entry % Entries * width, width);

    /// <summary>Makes room for <paramref name="count"/> entries.</summary>
    public void EnsureRoom(int count)
    {
        while (width > 0 && _segments.Count * Entries < count)
        {
            _segments.Add(pool?.Rent() ?? new T[Entries * width]);
        }
    }

    /// <summary>Hands the segments back to the pool; the table is empty afterwards, and an entry read from it throws.</summary>
    public void Release()
    {
        pool?.Return(_segments);
        _segments.Clear();
    }
}
