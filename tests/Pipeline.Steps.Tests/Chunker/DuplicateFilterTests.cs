using Pipeline.Steps.Chunker.Partitioning;

namespace Pipeline.Steps.Tests.Chunker;

public sealed class DuplicateFilterTests
{
    [Fact]
    public void Keeps_the_first_of_each_sensor_and_time_and_lists_the_days_kept()
    {
        var rows = new RowBuffer(new RowSegmentPool(valueCount: 1, textCount: 0, maxIdle: 1));
        // (order, sensor, ticks, day), already in sort order: sensor 0 has a duplicate at t=10, sensor 1 at t=30.
        (long Order, int Sensor, long Ticks, int Day)[] input =
            [(5, 0, 10, 100), (7, 0, 10, 100), (2, 0, 20, 101), (1, 1, 10, 100), (3, 1, 30, 102), (4, 1, 30, 102), (6, 1, 30, 102)];
        foreach (var r in input)
        {
            rows.Set(rows.Add(), r.Order, r.Sensor, r.Ticks, r.Day);
        }

        var ordered = Enumerable.Range(0, input.Length).ToArray();
        var kept = new int[input.Length];
        var duplicates = new List<DuplicateRow>();
        var days = new SortedSet<int>();

        var count = DuplicateFilter.Keep(rows, ordered, kept, ["s0", "s1"], duplicates, days);

        Assert.Equal([0, 2, 3, 4], kept[..count]);
        Assert.Equal(
            [new DuplicateRow(7, 5, "s0", 10), new DuplicateRow(4, 3, "s1", 30), new DuplicateRow(6, 3, "s1", 30)],
            duplicates);
        Assert.Equal([100, 101, 102], days);
    }
}
