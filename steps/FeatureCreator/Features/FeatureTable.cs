using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// The output table: one row per sensor-day in day, sensor order, with the chosen statistics as columns. Rows are
/// the sensor-days' numbers in that order; a feature column's values are computed when asked for, into one buffer
/// the table reuses, so that a window of 100,000 sensor-days does not also hold a copy of every feature value.
/// </summary>
internal sealed class FeatureTable
{
    private readonly SensorDays _days;
    private readonly int[] _order;
    private readonly double?[] _column;

    private FeatureTable(SensorDays days, int[] order, IReadOnlyList<FeatureColumn> columns, int minReadings)
    {
        _days = days;
        _order = order;
        _column = new double?[order.Length];
        Columns = columns;
        MinReadings = minReadings;
    }

    public IReadOnlyList<FeatureColumn> Columns { get; }

    public int MinReadings { get; }

    public int RowCount => _order.Length;

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
        return new FeatureTable(aggregate.Days, aggregate.Sorted(ranks), columns, minReadings);
    }

    public GroupKey Key(int row) => _days.Key(_order[row]);

    /// <summary>The row's accumulator of each value column (scanned order).</summary>
    public ReadOnlySpan<ColumnAccumulator> Accumulators(int row) => _days.Columns(_order[row]);

    public long Readings(int row) => _days.Readings(_order[row]);

    public bool IsLowReadings(int row) => Readings(row) < MinReadings;

    /// <summary>A feature value; null where the statistic is undefined (no finite value, or fewer than two for std).</summary>
    public double? Value(int row, FeatureColumn column) =>
        SensorDayFeatures.Value(column.Kind, _days.Columns(_order[row])[column.ValueColumn], Readings(row));

    /// <summary>
    /// A feature column's values, row by row, in a buffer the table reuses: valid until the next call (the writer and
    /// the statistics each take one column at a time).
    /// </summary>
    public ReadOnlyMemory<double?> Values(FeatureColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        for (var row = 0; row < _order.Length; row++)
        {
            var day = _order[row];
            _column[row] = SensorDayFeatures.Value(column.Kind, _days.Columns(day)[column.ValueColumn], _days.Readings(day));
        }

        return _column;
    }
}
