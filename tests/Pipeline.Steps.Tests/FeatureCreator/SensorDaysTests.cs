using Pipeline.Steps.FeatureCreator.Aggregation;

namespace Pipeline.Steps.Tests.FeatureCreator;

public sealed class SensorDaysTests
{
    private static readonly DateOnly Day = new(2024, 3, 1);

    [Fact]
    public void A_table_drawn_from_the_pool_after_a_release_starts_empty()
    {
        var pool = new SensorDayPool(columns: 2, texts: 1);
        var first = pool.Create();
        for (var i = 0; i < Segments<long>.Entries + 5; i++)
        {
            var day = first.Add(new GroupKey($"s-{i:D5}", Day));
            first.Readings(day) = 7;
            first.Columns(day)[1].AddSegment([1, 2, 3], 1);
            first.Texts(day)[0].Add("indoor", false, 3);
        }

        first.Release();
        var second = pool.Create();
        var reused = second.Add(new GroupKey("s-99999", Day));

        Assert.Equal(0, first.Count);
        Assert.Equal(0, reused);
        Assert.Equal(0, second.Readings(reused));
        Assert.Equal(0, second.Columns(reused)[1].Count);
        Assert.Equal(0, second.Columns(reused)[1].Na);
        Assert.Null(second.Texts(reused)[0].Value);
    }

    [Fact]
    public void Merging_adds_each_sensor_days_readings_and_values()
    {
        var pool = new SensorDayPool(columns: 1, texts: 0);
        var into = pool.Create();
        var from = pool.Create();
        into.Columns(into.Add(new GroupKey("a", Day)))[0].AddSegment([1, 2], 0);
        from.Columns(from.Add(new GroupKey("a", Day)))[0].AddSegment([3], 1);
        from.Readings(from.Add(new GroupKey("b", Day))) = 4;

        into.Merge(from);

        Assert.Equal(2, into.Count);
        Assert.Equal(3, into.Columns(0)[0].Count);
        Assert.Equal(2, into.Columns(0)[0].Mean);
        Assert.Equal(1, into.Columns(0)[0].Na);
        Assert.Equal(new GroupKey("b", Day), into.Key(1));
        Assert.Equal(4, into.Readings(1));
    }
}
