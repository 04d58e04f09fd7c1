using Pipeline.Steps.ClusterPredict.Storage;

namespace Pipeline.Steps.Tests.ClusterPredict.Storage;

public sealed class PredictionOrderTests
{
    [Fact]
    public void Rows_already_in_key_order_are_passed_on_as_they_are()
    {
        var rows = PredictionRows.Make("r", 500, sensors: 20);

        Assert.Same(rows, PredictionOrder.InKeyOrder(rows));
    }

    [Fact]
    public void Rows_out_of_order_are_sorted_by_day_then_sensor_in_byte_order()
    {
        var day = new DateOnly(2024, 1, 2);
        PredictionRow Row(string sensor, DateOnly on) => new("r", sensor, on, 0, 0, "m", PredictionRows.CreatedAt);
        var rows = new[] { Row("b", day), Row("a", day.AddDays(1)), Row("B", day), Row("a", day), Row("ä", day) };

        var ordered = PredictionOrder.InKeyOrder(rows);

        Assert.Equal(["B", "a", "b", "ä", "a"], ordered.Select(r => r.SensorId));
        Assert.Equal([day, day, day, day, day.AddDays(1)], ordered.Select(r => r.Day));
    }
}
