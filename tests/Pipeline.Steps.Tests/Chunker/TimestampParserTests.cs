using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.Tests.Chunker;

public sealed class TimestampParserTests
{
    [Theory]
    [InlineData("2023-02-15 00", "2023-02-15T00:00:00", null)]
    [InlineData("2023-02-15T13:45", "2023-02-15T13:45:00", null)]
    [InlineData("2023-02-15T13:45:07.25", "2023-02-15T13:45:07.25", null)]
    [InlineData("2023-02-15 13:45:07Z", "2023-02-15T13:45:07", 0)]
    [InlineData("2023-02-15T13:45:07+05:30", "2023-02-15T13:45:07", 330)]
    [InlineData("2023-02-15T13:45:07-0800", "2023-02-15T13:45:07", -480)]
    [InlineData("2023-02-15", "2023-02-15T00:00:00", null)]
    public void Iso_shapes_parse_to_wall_time_and_offset(string text, string wall, int? offset)
    {
        Assert.True(TimestampParser.TryParse(text, TimestampParser.Iso, out var ticks, out var parsedOffset));
        Assert.Equal(DateTime.Parse(wall, System.Globalization.CultureInfo.InvariantCulture).Ticks, ticks);
        Assert.Equal(offset, parsedOffset);
    }

    [Theory]
    [InlineData("2023-02-30 00")]
    [InlineData("2023-13-01")]
    [InlineData("2023-02-15 24")]
    [InlineData("2023-02-15T10:61")]
    [InlineData("15/02/2023")]
    [InlineData("2023-02-15 10 oops")]
    [InlineData("")]
    public void Invalid_iso_text_is_rejected(string text) =>
        Assert.False(TimestampParser.TryParse(text, TimestampParser.Iso, out _, out _));

    [Fact]
    public void Exact_formats_go_through_the_framework()
    {
        Assert.True(TimestampParser.TryParse("15.02.2023 13:45", "dd.MM.yyyy HH:mm", out var ticks, out var offset));
        Assert.Equal(new DateTime(2023, 2, 15, 13, 45, 0).Ticks, ticks);
        Assert.Null(offset);
    }
}
