using Pipeline.Steps.FeatureCreator.Aggregation;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>
/// The readers of a run wait while windows of days wait to be made into features; a window taken must let every
/// waiting reader look again. Woken one per window, a reader left waiting after the others had finished hung the run.
/// </summary>
public sealed class DayWindowsTests
{
    private static readonly DateOnly Day = new(2024, 3, 1);

    [Fact]
    public async Task A_window_taken_lets_every_waiting_reader_go_on()
    {
        var windows = new DayWindows();
        var target = new FeatureAggregate();
        // Two windows waiting (days 1 and 2), one more than the readers wait behind.
        for (var d = 0; d < 2; d++)
        {
            target.Merge(Partial(Day.AddDays(d)));
            Assert.True(windows.Before(Day.AddDays(d + 1), target));
        }

        var readers = new[] { windows.WaitForRoomAsync(CancellationToken.None), windows.WaitForRoomAsync(CancellationToken.None) };
        await Task.Delay(100);
        Assert.All(readers, r => Assert.False(r.IsCompleted));

        Assert.True(windows.Reader.TryRead(out _));
        windows.Taken();

        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_day_before_one_handed_over_marks_the_input_unordered()
    {
        var windows = new DayWindows();
        var target = new FeatureAggregate();
        target.Merge(Partial(Day.AddDays(1)));
        Assert.True(windows.Before(Day.AddDays(2), target));

        Assert.False(windows.Before(Day, target));
        Assert.True(windows.Unordered);
    }

    [Fact]
    public void Sensor_ranks_kept_across_windows_order_each_window_as_its_own_ranking_would()
    {
        var ranks = new SensorRanks();
        Assert.Equal([0, 1], ranks.Of(["s-b", "s-c"]));

        // A new sensor sorting before the others ranks them all again; the order within the window stays ordinal.
        string[] window = ["s-c", "s-a", "s-b"];
        var next = ranks.Of(window);
        Assert.Equal(["s-a", "s-b", "s-c"], window.Zip(next).OrderBy(p => p.Second).Select(p => p.First));
        Assert.Equal(next, ranks.Of(window));
    }

    private static PartialAggregate Partial(DateOnly day)
    {
        var partial = new PartialAggregate(["sensor_id", "date", "temperature"], new SensorDays(1, 0)) { Rows = 1 };
        partial.Days.Readings(partial.Days.Add(new GroupKey("s-01", day))) = 1;
        return partial;
    }
}
