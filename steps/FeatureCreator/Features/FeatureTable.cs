using Pipeline.Steps.Contract.Features;
using Pipeline.Steps.FeatureCreator.Aggregation;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>The output table: one row per sensor-day in sensor, day order, with the chosen statistics as columns.</summary>
internal sealed class FeatureTable
{
    private readonly IReadOnlyList<KeyValuePair<GroupKey, GroupAccumulator>> _rows;

    private FeatureTable(IReadOnlyList<KeyValuePair<GroupKey, GroupAccumulator>> rows, IReadOnlyList<FeatureColumn> columns, int minReadings)
    {
        _rows = rows;
        Columns = columns;
        MinReadings = minReadings;
    }

    public IReadOnlyList<FeatureColumn> Columns { get; }

    public int MinReadings { get; }

    public int RowCount => _rows.Count;

    /// <summary>Columns before the features: sensor_id, day, readings, low_readings.</summary>
    public static int KeyColumnCount => 4;

    public static FeatureTable Build(FeatureAggregate aggregate, IReadOnlyList<string> valueColumns, IReadOnlyList<FeatureKind> kinds, int minReadings)
    {
        var columns = valueColumns
            .SelectMany((c, i) => kinds.Select(k => new FeatureColumn(SensorDayFeatures.Name(c, k), i, k)))
            .ToArray();
        return new FeatureTable(aggregate.Sorted(), columns, minReadings);
    }

    public GroupKey Key(int row) => _rows[row].Key;

    public GroupAccumulator Group(int row) => _rows[row].Value;

    public bool IsLowReadings(int row) => _rows[row].Value.Readings < MinReadings;

    /// <summary>A feature value; null where the statistic is undefined (no finite value, or fewer than two for std).</summary>
    public double? Value(int row, FeatureColumn column)
    {
        var group = _rows[row].Value;
        return SensorDayFeatures.Value(column.Kind, group.Columns[column.ValueColumn], group.Readings);
    }
}
