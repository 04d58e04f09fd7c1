namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>All sensor-days of the input, built by merging the per-file partials in file order.</summary>
internal sealed class FeatureAggregate
{
    private Dictionary<GroupKey, GroupAccumulator> _groups = [];
    private DateOnly _latestDay = DateOnly.MinValue;
    private readonly HashSet<string> _inputColumns = new(StringComparer.Ordinal);

    public long RowsRead { get; private set; }

    public long CleanedRows { get; private set; }

    public int GroupCount => _groups.Count;

    /// <summary>The sensor-days in no particular order.</summary>
    public IEnumerable<KeyValuePair<GroupKey, GroupAccumulator>> Groups => _groups;

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
        foreach (var key in partial.Groups.Keys)
        {
            _latestDay = key.Day > _latestDay ? key.Day : _latestDay;
        }

        if (_groups.Count == 0)
        {
            // Nothing to merge into (a day's first file, read a window at a time): the partial's table is adopted
            // whole, as it is discarded after merging, instead of being copied entry by entry.
            _groups = partial.Groups;
            return;
        }

        foreach (var (key, group) in partial.Groups)
        {
            if (_groups.TryGetValue(key, out var existing))
            {
                existing.Merge(group);
            }
            else
            {
                // The partial is discarded after merging, so its accumulator can be adopted without a copy.
                _groups.Add(key, group);
            }
        }
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
        foreach (var key in partial.Groups.Keys)
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
        if (_latestDay < day)
        {
            // Every sensor-day goes (the days before a new file's, or the last window): the table moves whole.
            (window._groups, _groups) = (_groups, []);
            _latestDay = DateOnly.MinValue;
            return window;
        }

        foreach (var (key, group) in _groups)
        {
            if (key.Day < day)
            {
                window._groups.Add(key, group);
                _groups.Remove(key);
            }
        }

        return window;
    }

    /// <summary>Takes every sensor-day left out, as <see cref="TakeBefore"/> does.</summary>
    public FeatureAggregate TakeAll() => TakeBefore(DateOnly.MaxValue);

    /// <summary>
    /// The sensor-days in output order: day, then sensor id (ordinal); <paramref name="ranks"/> keeps the ids' ranking
    /// from one window of days to the next (none: ranked afresh).
    /// </summary>
    public IReadOnlyList<KeyValuePair<GroupKey, GroupAccumulator>> Sorted(SensorRanks? ranks = null)
    {
        // Sorting compares keys about n log n times, and comparing the sensor strings themselves (scattered over the
        // heap, one per file and sensor) missed the cache each time. Each distinct sensor is ranked once instead
        // (ordinal order) and the rows sorted by (day, rank). Day first: the run writes its days as their readings
        // have all been read (a window at a time), so the file is in day order.
        var rows = _groups.ToArray();
        var rank = (ranks ?? new SensorRanks()).Of([.. rows.Select(r => r.Key.SensorId)]);
        var order = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            order[i] = ((long)rows[i].Key.Day.DayNumber << 32) | (uint)rank[i];
        }

        Array.Sort(order, rows);
        return rows;
    }
}
