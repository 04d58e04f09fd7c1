namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>All sensor-days of the input, built by merging the per-file partials in file order.</summary>
internal sealed class FeatureAggregate
{
    // Null until a partial is adopted (the column counts come with it), and again once every sensor-day is taken.
    private SensorDays? _days;
    private DateOnly _latestDay = DateOnly.MinValue;
    private readonly HashSet<string> _inputColumns = new(StringComparer.Ordinal);

    public long RowsRead { get; private set; }

    public long CleanedRows { get; private set; }

    public int GroupCount => _days?.Count ?? 0;

    /// <summary>The sensor-days in no particular order (an empty table when there are none).</summary>
    public SensorDays Days => _days ?? new SensorDays(0, 0);

    /// <summary>Distinct column names over all files read.</summary>
    public int InputColumnCount => _inputColumns.Count;

    /// <summary>Each value column's readings as a histogram, over every file merged.</summary>
    public Dictionary<string, ValueHistogram> Histograms { get; } = new(StringComparer.Ordinal);

    public void Merge(PartialAggregate partial)
    {
        RowsRead += partial.Rows;
        CleanedRows += partial.CleanedRows;
        _inputColumns.UnionWith(partial.InputColumns);
        MergeHistograms(Histograms, partial.Histograms);
        foreach (var key in partial.Days.Keys)
        {
            _latestDay = key.Day > _latestDay ? key.Day : _latestDay;
        }

        if (_days is null || _days.Count == 0)
        {
            // Nothing to merge into (a day's first file, read a window at a time): the partial's table is adopted
            // whole, as it is discarded after merging, instead of being copied entry by entry.
            _days?.Release();
            _days = partial.Days;
            return;
        }

        _days.Merge(partial.Days);
        partial.Days.Release();
    }

    /// <summary>Hands the sensor-days' segments back to their pool once the window has been made into features (see <see cref="SensorDays.Release"/>).</summary>
    public void Release()
    {
        _days?.Release();
        _days = null;
    }

    /// <summary>Adds each column's histogram of <paramref name="from"/> to <paramref name="into"/>'s (several days of a run, say).</summary>
    public static void MergeHistograms(Dictionary<string, ValueHistogram> into, IReadOnlyDictionary<string, ValueHistogram> from)
    {
        foreach (var (column, histogram) in from)
        {
            if (into.TryGetValue(column, out var existing))
            {
                existing.Merge(histogram);
            }
            else
            {
                into[column] = histogram;
            }
        }
    }

    /// <summary>The earliest day among <paramref name="partial"/>'s sensor-days; null when it has none.</summary>
    public static DateOnly? EarliestDay(PartialAggregate partial)
    {
        DateOnly? earliest = null;
        foreach (var key in partial.Days.Keys)
        {
            earliest = earliest is { } e && e <= key.Day ? e : key.Day;
        }

        return earliest;
    }

    /// <summary>
    /// Takes the sensor-days before <paramref name="day"/> out, as an aggregate of their own (a window of days whose
    /// every reading has been read); the counts and histograms stay here, for the whole run.
    /// </summary>
    public FeatureAggregate TakeBefore(DateOnly day)
    {
        var window = new FeatureAggregate();
        if (_latestDay < day || _days is null)
        {
            // Every sensor-day goes (the days before a new file's, or the last window): the table moves whole.
            (window._days, _days) = (_days, null);
            _latestDay = DateOnly.MinValue;
            return window;
        }

        var all = _days;
        window._days = all.Where(key => key.Day < day);
        _days = all.Where(key => key.Day >= day);
        all.Release();
        return window;
    }

    /// <summary>Takes every sensor-day left out, as <see cref="TakeBefore"/> does.</summary>
    public FeatureAggregate TakeAll() => TakeBefore(DateOnly.MaxValue);

    /// <summary>
    /// The numbers of the sensor-days (see <see cref="SensorDays"/>) in output order: day, then sensor id (ordinal);
    /// <paramref name="ranks"/> keeps the ids' ranking from one window of days to the next (none: ranked afresh).
    /// </summary>
    public int[] Sorted(SensorRanks? ranks = null)
    {
        // Sorting compares keys about n log n times, and comparing the sensor strings themselves (scattered over the
        // heap, one per file and sensor) missed the cache each time. Each distinct sensor is ranked once instead
        // (ordinal order) and the rows sorted by (day, rank). Day first: the run writes its days as their readings
        // have all been read (a window at a time), so the file is in day order.
        var days = Days;
        var numbers = new int[days.Count];
        var sensors = new string[days.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = i;
            sensors[i] = days.Key(i).SensorId;
        }

        var rank = (ranks ?? new SensorRanks()).Of(sensors);
        var order = new long[numbers.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            order[i] = ((long)days.Key(i).Day.DayNumber << 32) | (uint)rank[i];
        }

        Array.Sort(order, numbers);
        return numbers;
    }
}
