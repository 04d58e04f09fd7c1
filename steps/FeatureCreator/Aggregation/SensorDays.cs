using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// Sensor-days and what is known about each: its reading count, one accumulator per value column and what each text
/// column read for sensor attributes held. The values live in flat segments indexed by the sensor-day's number (its
/// order of arrival) instead of an object and an array per sensor-day: with 100,000 sensors a day those headers and
/// references were a fifth of the step's memory, and 2.5 million small objects a run for the collector to trace.
/// </summary>
internal sealed class SensorDays
{
    private readonly SensorDayPool? _pool;
    private Dictionary<GroupKey, int> _index;
    private readonly Segments<GroupKey> _keys;
    private readonly Segments<long> _readings;
    private readonly Segments<ColumnAccumulator> _columns;
    private readonly Segments<TextValue> _texts;

    /// <summary>A table of its own, left to the collector when dropped.</summary>
    public SensorDays(int columns, int texts)
    {
        _index = [];
        _keys = new(1);
        _readings = new(1);
        _columns = new(columns);
        _texts = new(texts);
    }

    /// <summary>A table drawing on <paramref name="pool"/>, to which <see cref="Release"/> hands everything back.</summary>
    public SensorDays(SensorDayPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _pool = pool;
        _index = pool.RentIndex();
        _keys = new(1, pool.Keys);
        _readings = new(1, pool.Readings);
        _columns = new(pool.ColumnCount, pool.Columns);
        _texts = new(pool.TextCount, pool.Texts);
    }

    public int Count => _index.Count;

    /// <summary>Value columns per sensor-day.</summary>
    public int ColumnCount => _columns.Width;

    /// <summary>Text columns per sensor-day.</summary>
    public int TextCount => _texts.Width;

    /// <summary>Every sensor-day's key, in number order.</summary>
    public IEnumerable<GroupKey> Keys
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return Key(i);
            }
        }
    }

    /// <summary>The number of <paramref name="key"/>'s sensor-day, added (with nothing read yet) when it is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(GroupKey key)
    {
        ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, key, out var exists);
        if (!exists)
        {
            number = _index.Count - 1;
            _keys.EnsureRoom(_index.Count);
            _readings.EnsureRoom(_index.Count);
            _columns.EnsureRoom(_index.Count);
            _texts.EnsureRoom(_index.Count);
            _keys.Of(number)[0] = key;
        }

        return number;
    }

    public GroupKey Key(int day) => _keys.Of(day)[0];

    /// <summary>Rows of the sensor-day, whatever their values.</summary>
    public ref long Readings(int day) => ref _readings.Of(day)[0];

    /// <summary>The sensor-day's accumulator of each value column.</summary>
    public Span<ColumnAccumulator> Columns(int day) => _columns.Of(day);

    /// <summary>What each text column held over the sensor-day.</summary>
    public Span<TextValue> Texts(int day) => _texts.Of(day);

    /// <summary>Adds every sensor-day of <paramref name="other"/> (same columns) to this table's.</summary>
    public void Merge(SensorDays other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other.Count; i++)
        {
            AddFrom(other, i);
        }
    }

    /// <summary>The sensor-days whose key <paramref name="keep"/> accepts, as a table of their own.</summary>
    public SensorDays Where(Func<GroupKey, bool> keep)
    {
        var kept = _pool?.Create() ?? new SensorDays(ColumnCount, TextCount);
        for (var i = 0; i < Count; i++)
        {
            if (keep(Key(i)))
            {
                kept.AddFrom(this, i);
            }
        }

        return kept;
    }

    /// <summary>
    /// Hands the table's segments and index back to its pool, once nothing reads it any more (a window written, a
    /// partial merged); the table is empty afterwards. Nothing to do for a table of its own.
    /// </summary>
    public void Release()
    {
        if (_pool is null)
        {
            return;
        }

        _keys.Release();
        _readings.Release();
        _columns.Release();
        _texts.Release();
        // The index goes to the next table: this one is left with an empty index of its own, so a late read finds nothing.
        _pool.Return(_index);
        _index = [];
    }

    private void AddFrom(SensorDays other, int day)
    {
        var into = Add(other.Key(day));
        Readings(into) += other.Readings(day);
        var target = Columns(into);
        var source = other.Columns(day);
        for (var j = 0; j < target.Length; j++)
        {
            target[j].Merge(source[j]);
        }

        var targetTexts = Texts(into);
        var sourceTexts = other.Texts(day);
        for (var t = 0; t < targetTexts.Length; t++)
        {
            targetTexts[t].Merge(sourceTexts[t]);
        }
    }
}
