using FeatureKind = Pipeline.Steps.Features.FeatureKind;
using FeatureKinds = Pipeline.Steps.Features.FeatureKinds;
using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.FeatureCreator.Features;

namespace Pipeline.Steps.Tests.FeatureCreator;

public sealed class FeatureTableTests
{
    [Fact]
    public void Missing_share_counts_na_nan_and_infinities_against_all_readings()
    {
        var table = Table(minReadings: 12, (new GroupKey("s1", new DateOnly(2024, 3, 1)), Group(12, [1, 2, double.NaN, double.PositiveInfinity, 3, double.NegativeInfinity], na: 6)));
        var share = table.Columns.Single(c => c.Kind == FeatureKind.MissingShare);

        Assert.Equal(9.0 / 12, table.Value(0, share));
        Assert.Equal(3, table.Value(0, table.Columns.Single(c => c.Kind == FeatureKind.Count)));
    }

    [Fact]
    public void Days_below_min_readings_are_flagged_not_dropped()
    {
        var table = Table(
            minReadings: 12,
            (new GroupKey("s1", new DateOnly(2024, 3, 1)), Group(11, [.. Enumerable.Repeat(1.0, 11)], 0)),
            (new GroupKey("s1", new DateOnly(2024, 3, 2)), Group(12, [.. Enumerable.Repeat(1.0, 12)], 0)));

        Assert.Equal(2, table.RowCount);
        Assert.True(table.IsLowReadings(0));
        Assert.False(table.IsLowReadings(1));
    }

    [Fact]
    public void Statistics_of_a_day_without_finite_values_are_null_and_rows_are_sorted()
    {
        var table = Table(
            minReadings: 1,
            (new GroupKey("s2", new DateOnly(2024, 3, 1)), Group(2, [double.NaN], 1)),
            (new GroupKey("s10", new DateOnly(2024, 3, 1)), Group(1, [5], 0)));

        Assert.Equal("s10", table.Key(0).SensorId);
        Assert.Equal("s2", table.Key(1).SensorId);
        Assert.All(table.Columns.Where(c => c.Kind is FeatureKind.Mean or FeatureKind.Std or FeatureKind.Min or FeatureKind.Max),
            c => Assert.Null(table.Value(1, c)));
        Assert.Equal(1.0, table.Value(1, table.Columns.Single(c => c.Kind == FeatureKind.MissingShare)));
        Assert.Equal(["v_count", "v_mean", "v_std", "v_min", "v_max", "v_missing_share"], table.Columns.Select(c => c.Name));
    }

    private static (long Readings, double[] Values, long Na) Group(long readings, double[] values, long na) => (readings, values, na);

    private static FeatureTable Table(int minReadings, params (GroupKey Key, (long Readings, double[] Values, long Na) Group)[] groups)
    {
        var partial = new PartialAggregate(["sensor_id", "timestamp", "date", "v"], new SensorDays(1, 0));
        foreach (var (key, group) in groups)
        {
            var day = partial.Days.Add(key);
            partial.Days.Readings(day) = group.Readings;
            partial.Days.Columns(day)[0].AddSegment(group.Values, group.Na);
        }

        var aggregate = new FeatureAggregate();
        aggregate.Merge(partial);
        return FeatureTable.Build(aggregate, ["v"], FeatureKinds.Select(null), minReadings);
    }
}
