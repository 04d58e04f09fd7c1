using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// The output table: one row per sensor-day in sensor, day order, with the chosen statistics as columns. The values
/// are computed once, a row at a time, into one array per column: the sensor-days' accumulators lie scattered over
/// the heap, and reading them a column at a time (for the statistics, then again for the writer) missed the cache
/// on every row of every column, about half a second at 70,000 sensor-days.
/// </summary>
internal sealed class FeatureTable
{
    private readonly GroupKey[] _keys;
    private readonly GroupAccumulator[] _groups;
    private readonly long[] _readings;
    private readonly double?[][] _values;

    private FeatureTable(GroupKey[] keys, GroupAccumulator[] groups, long[] readings, double?[][] values, IReadOnlyList<FeatureColumn> columns, int minReadings)
    {
        _keys = keys;
        _groups = groups;
        _readings = readings;
        _values = values;
        Columns = columns;
        MinReadings = minReadings;
    }

    public IReadOnlyList<FeatureColumn> Columns { get; }

    public int MinReadings { get; }

    public int RowCount => _keys.Length;

    /// <summary>Columns before the features: sensor_id, day, readings, low_readings.</summary>
    public static int KeyColumnCount => 4;

    /// <summary>
    /// The features of <paramref name="valueColumns"/> (the columns scanned, in scan order) except those
    /// <paramref name="leftOut"/> (sensor attributes, kept in the sensors table instead); <paramref name="ranks"/> keeps
    /// the sensor ids' ranking across a run's windows.
    /// </summary>
    public static FeatureTable Build(
        FeatureAggregate aggregate, IReadOnlyList<string> valueColumns, IReadOnlyList<FeatureKind> kinds, int minReadings, IReadOnlyCollection<string>? leftOut = null,
        SensorRanks? ranks = null)
    {
        var columns = valueColumns
            .Select((c, i) => (Column: c, Index: i))
            .Where(c => leftOut is null || !leftOut.Contains(c.Column))
            .SelectMany(c => kinds.Select(k => (Name: SensorDayFeatures.Name(c.Column, k), ValueColumn: c.Index, Kind: k)))
            .Select((c, position) => new FeatureColumn(c.Name, c.ValueColumn, c.Kind, position))
            .ToArray();
        var rows = aggregate.Sorted(ranks);
        var keys = new GroupKey[rows.Count];
        var groups = new GroupAccumulator[rows.Count];
        var readings = new long[rows.Count];
        var values = columns.Select(_ => new double?[rows.Count]).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            var (key, group) = rows[r];
            keys[r] = key;
            groups[r] = group;
            readings[r] = group.Readings;
            foreach (var column in columns)
            {
                values[column.Position][r] = SensorDayFeatures.Value(column.Kind, group.Columns[column.ValueColumn], group.Readings);
            }
        }

        return new FeatureTable(keys, groups, readings, values, columns, minReadings);
    }

    public GroupKey Key(int row) => _keys[row];

    public GroupAccumulator Group(int row) => _groups[row];

    public long Readings(int row) => _readings[row];

    public bool IsLowReadings(int row) => _readings[row] < MinReadings;

    /// <summary>A feature value; null where the statistic is undefined (no finite value, or fewer than two for std).</summary>
    public double? Value(int row, FeatureColumn column) => _values[column.Position][row];

    /// <summary>A feature column's values, row by row.</summary>
    public ReadOnlyMemory<double?> Values(FeatureColumn column) => _values[column.Position];
}
