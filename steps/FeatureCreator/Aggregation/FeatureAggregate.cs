namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>All sensor-days of the input, built by merging the per-file partials in file order.</summary>
internal sealed class FeatureAggregate
{
    private readonly Dictionary<GroupKey, GroupAccumulator> _groups = [];
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

    /// <summary>The sensor-days in output order: sensor id (ordinal), then day.</summary>
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

    public IReadOnlyList<KeyValuePair<GroupKey, GroupAccumulator>> Sorted()
    {
        // Sorting compares keys about n log n times, and comparing the sensor strings themselves (scattered over the
        // heap, one per file and sensor) missed the cache each time. Each distinct sensor is ranked once instead
        // (ordinal order) and the rows sorted by (rank, day).
        var rows = _groups.ToArray();
        var sensors = rows.Select(r => r.Key.SensorId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var ranks = new Dictionary<string, int>(sensors.Length, StringComparer.Ordinal);
        for (var i = 0; i < sensors.Length; i++)
        {
            ranks[sensors[i]] = i;
        }

        var order = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            order[i] = ((long)ranks[rows[i].Key.SensorId] << 32) | (uint)rows[i].Key.Day.DayNumber;
        }

        Array.Sort(order, rows);
        return rows;
    }
}
