namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// The segments of tables of sensor-days that a run is done with (a window written, a file's partial merged), for
/// the run's next tables. A window of 100,000 sensors lives long enough to reach the oldest generation, and only
/// full collections reclaimed it: the heap committed about 2.5 times what was live. Reused, the same segments serve
/// every day of the run.
/// </summary>
internal sealed class SegmentPool<T>(int length)
{
    private readonly Lock _lock = new();
    private readonly Stack<T[]> _free = new();

    /// <summary>A cleared segment of the pool's length.</summary>
    public T[] Rent()
    {
        T[]? segment;
        lock (_lock)
        {
            _free.TryPop(out segment);
        }

        if (segment is null)
        {
            return new T[length];
        }

        Array.Clear(segment);
        return segment;
    }

    public void Return(IEnumerable<T[]> segments)
    {
        lock (_lock)
        {
            foreach (var segment in segments)
            {
                _free.Push(segment);
            }
        }
    }
}
