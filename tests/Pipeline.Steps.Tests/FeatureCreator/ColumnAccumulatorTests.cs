using System.Runtime.CompilerServices;
using Pipeline.Steps.Features;

namespace Pipeline.Steps.Tests.FeatureCreator;

public sealed class ColumnAccumulatorTests
{
    [Fact]
    public void Std_is_accurate_around_a_large_offset()
    {
        // A running sum of squares loses every digit here; deviations (exact: 30) survive.
        var accumulator = new ColumnAccumulator();
        accumulator.AddSegment([1e9 + 4, 1e9 + 7], 0);
        accumulator.AddSegment([1e9 + 13, 1e9 + 16], 0);

        Assert.Equal(4, accumulator.Count);
        Assert.Equal(1e9 + 10, accumulator.Mean);
        Assert.Equal(30, accumulator.Variance!.Value, 9);
        Assert.Equal(Math.Sqrt(30), accumulator.StandardDeviation!.Value, 9);
    }

    [Fact]
    public void Non_finite_values_are_counted_and_left_out()
    {
        var accumulator = new ColumnAccumulator();
        accumulator.AddSegment([1, double.NaN, 5, double.PositiveInfinity, -2, double.NegativeInfinity, double.NegativeInfinity], naCount: 3);

        Assert.Equal(3, accumulator.Count);
        Assert.Equal(3, accumulator.Na);
        Assert.Equal(1, accumulator.NaN);
        Assert.Equal(1, accumulator.PositiveInfinity);
        Assert.Equal(2, accumulator.NegativeInfinity);
        Assert.Equal(7, accumulator.NonFinite);
        Assert.Equal(-2, accumulator.Min);
        Assert.Equal(5, accumulator.Max);
        Assert.Equal(4.0 / 3, accumulator.Mean, 12);
    }

    [Fact]
    public void Merged_partials_equal_one_pass_over_all_values()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 1000).Select(_ => 20 + (random.NextDouble() * 5)).ToArray();
        var whole = new ColumnAccumulator();
        whole.AddSegment(values, 2);

        var first = new ColumnAccumulator();
        first.AddSegment(values.AsSpan(0, 10), 1);
        first.AddSegment(values.AsSpan(10, 300), 0);
        var second = new ColumnAccumulator();
        second.AddSegment(values.AsSpan(310), 1);
        first.Merge(second);

        Assert.Equal(whole.Count, first.Count);
        Assert.Equal(whole.Na, first.Na);
        Assert.Equal(whole.Mean, first.Mean, 12);
        Assert.Equal(whole.StandardDeviation!.Value, first.StandardDeviation!.Value, 12);
        Assert.Equal(values.Min(), first.Min);
        Assert.Equal(values.Max(), first.Max);
    }

    [Fact]
    public void Merging_into_or_from_an_empty_accumulator_keeps_the_other()
    {
        var empty = new ColumnAccumulator();
        empty.AddSegment([double.NaN], naCount: 1);
        var filled = new ColumnAccumulator();
        filled.AddSegment([2, 4], 0);

        var left = empty;
        left.Merge(filled);
        filled.Merge(empty);

        Assert.Equal((2L, 3.0, 2.0, 4.0), (left.Count, left.Mean, left.Min, left.Max));
        Assert.Equal((2L, 3.0, 1L, 1L), (filled.Count, filled.Mean, filled.Na, filled.NaN));
    }

    [Fact]
    public void Std_is_undefined_below_two_values()
    {
        var accumulator = new ColumnAccumulator();
        accumulator.AddSegment([3, double.NaN], 4);

        Assert.Equal(1, accumulator.Count);
        Assert.Null(accumulator.StandardDeviation);
    }

    [Fact]
    public void A_sensor_day_costs_56_bytes_a_column_and_overflowing_counts_fail()
    {
        // One accumulator per value column and sensor-day is held for a window of days (100,000 sensors a day).
        Assert.Equal(56, Unsafe.SizeOf<ColumnAccumulator>());
        var accumulator = new ColumnAccumulator();
        accumulator.AddSegment([], naCount: int.MaxValue);

        Assert.Throws<OverflowException>(() => accumulator.AddSegment([], naCount: 1));
    }
}
