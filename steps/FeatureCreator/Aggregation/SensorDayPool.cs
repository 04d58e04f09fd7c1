using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// What one run's tables of sensor-days are made of, reused from table to table (see <see cref="SegmentPool{T}"/>):
/// the segments of keys, reading counts, accumulators and texts, and the key indexes.
/// </summary>
internal sealed class SensorDayPool(int columns, int texts)
{
    private readonly Lock _lock = new();
    private readonly Stack<Dictionary<GroupKey, int>> _indexes = new();

    public int ColumnCount => columns;

    public int TextCount => texts;

    public SegmentPool<GroupKey> Keys { get; } = new(Segments<GroupKey>.Entries);

    public SegmentPool<long> Readings { get; } = new(Segments<long>.Entries);

    public SegmentPool<ColumnAccumulator> Columns { get; } = new(Segments<ColumnAccumulator>.Entries * columns);

    public SegmentPool<TextValue> Texts { get; } = new(Segments<TextValue>.Entries * texts);

    /// <summary>An empty table drawing on this pool.</summary>
    public SensorDays Create() => new(this);

    public Dictionary<GroupKey, int> RentIndex()
    {
        lock (_lock)
        {
            return _indexes.TryPop(out var index) ? index : [];
        }
    }

    public void Return(Dictionary<GroupKey, int> index)
    {
        index.Clear();
        lock (_lock)
        {
            _indexes.Push(index);
        }
    }
}
