namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>All sensor-days of the input, built by merging the per-file partials in file order.</summary>
internal sealed class FeatureAggregate
{
    private readonly Dictionary<GroupKey, GroupAccumulator> _groups = [];
    private readonly HashSet<string> _inputColumns = new(StringComparer.Ordinal);

    public long RowsRead { get; private set; }

    public long CleanedRows { get; private set; }

    public int GroupCount => _groups.Count;

    /// <summary>Distinct column names over all files read.</summary>
    public int InputColumnCount => _inputColumns.Count;

    public void Merge(PartialAggregate partial)
    {
        RowsRead += partial.Rows;
        CleanedRows += partial.CleanedRows;
        _inputColumns.UnionWith(partial.InputColumns);
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
    public IReadOnlyList<KeyValuePair<GroupKey, GroupAccumulator>> Sorted()
    {
        var rows = _groups.ToArray();
        Array.Sort(rows, (a, b) => a.Key.CompareTo(b.Key));
        return rows;
    }
}
