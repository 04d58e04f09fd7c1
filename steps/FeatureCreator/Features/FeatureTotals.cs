using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// What the run's metrics need of its feature tables, added up a window of days at a time: rows, distinct sensors and
/// days, non-finite readings per value column, low-reading days, and each feature's summary. A window's summary is
/// exact (two passes over its values); windows are combined with Chan's pairwise formula, in day order.
/// </summary>
internal sealed class FeatureTotals(int valueColumns, int minReadings)
{
    private readonly HashSet<string> _sensors = new(StringComparer.Ordinal);
    private readonly HashSet<DateOnly> _days = [];
    private readonly Dictionary<string, (long Count, double Mean, double M2)> _features = new(StringComparer.Ordinal);
    private readonly List<string> _featureOrder = [];

    public long Groups { get; private set; }

    public int Sensors => _sensors.Count;

    public int Days => _days.Count;

    public long LowReadingDays { get; private set; }

    public int MinReadings => minReadings;

    /// <summary>Feature columns of the tables added (the same in each).</summary>
    public int FeatureColumnCount => _featureOrder.Count;

    /// <summary>Per value column: NA, NaN, +Infinity and -Infinity readings.</summary>
    public (long Na, long NaN, long PositiveInfinity, long NegativeInfinity)[] NonFinite { get; } = new (long, long, long, long)[valueColumns];

    public void Add(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Groups += table.RowCount;
        for (var row = 0; row < table.RowCount; row++)
        {
            var key = table.Key(row);
            _sensors.Add(key.SensorId);
            if (row == 0 || key.Day != table.Key(row - 1).Day)
            {
                // Rows come in day order: a day is added once, not once per sensor.
                _days.Add(key.Day);
            }

            LowReadingDays += table.IsLowReadings(row) ? 1 : 0;
            var columns = table.Accumulators(row);
            for (var j = 0; j < NonFinite.Length; j++)
            {
                NonFinite[j].Na += columns[j].Na;
                NonFinite[j].NaN += columns[j].NaN;
                NonFinite[j].PositiveInfinity += columns[j].PositiveInfinity;
                NonFinite[j].NegativeInfinity += columns[j].NegativeInfinity;
            }
        }

        foreach (var (name, stat) in FeatureStatistics.Compute(table))
        {
            if (!_features.TryGetValue(name, out var total))
            {
                _featureOrder.Add(name);
                total = (0, 0, 0);
            }

            _features[name] = Combine(total, stat);
        }
    }

    /// <summary>Each feature's summary over every window added.</summary>
    public Dictionary<string, FeatureStat> FeatureStats() => _featureOrder.ToDictionary(
        name => name,
        name => _features[name] switch
        {
            (0, _, _) => new FeatureStat(null, null, 0),
            (1, var mean, _) => new FeatureStat(mean, null, 1),
            var (count, mean, m2) => new FeatureStat(mean, Math.Sqrt(m2 / (count - 1)), count),
        },
        StringComparer.Ordinal);

    private static (long Count, double Mean, double M2) Combine((long Count, double Mean, double M2) total, FeatureStat window)
    {
        if (window is not { Count: > 0, Mean: { } mean })
        {
            return total;
        }

        var m2 = window.Std is { } std ? std * std * (window.Count - 1) : 0;
        if (total.Count == 0)
        {
            return (window.Count, mean, m2);
        }

        var count = total.Count + window.Count;
        var delta = mean - total.Mean;
        return (count, total.Mean + (delta * window.Count / count), total.M2 + m2 + (delta * delta * total.Count * window.Count / count));
    }
}
