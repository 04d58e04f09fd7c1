using System.Text.Json;
using Pipeline.Orchestrator.Models;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>A raw reading's time is read as the Chunker reads one: offsets keep their instant, wall times are the zone's.</summary>
public sealed class ReadingTimeTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly March1 = new(2013, 3, 1);

    [Theory]
    [InlineData("2013-03-01T00:00:00")]
    [InlineData("2013-03-01T00:00:00+08:00")]
    [InlineData("2013-02-28T16:00:00Z")]
    [InlineData("2013-02-28T17:00:00+01:00")]
    public void The_same_instant_in_any_notation_is_on_the_zones_day(string timestamp)
    {
        var (utcTicks, problem) = Resolve(timestamp, Shanghai, March1);

        Assert.Null(problem);
        Assert.Equal(new DateTime(2013, 2, 28, 16, 0, 0, DateTimeKind.Utc).Ticks, utcTicks);
    }

    [Fact]
    public void A_time_on_another_day_or_skipped_by_daylight_saving_is_a_problem()
    {
        Assert.Equal("2013-03-01T00:00:00Z falls on 2013-03-01 in Asia/Shanghai, not on readings.day 2013-02-28",
            Resolve("2013-03-01T00:00:00Z", Shanghai, new DateOnly(2013, 2, 28)).Problem);
        Assert.Equal("2024-03-31T02:30:00 does not exist in Europe/Berlin (skipped by a daylight-saving change)",
            Resolve("2024-03-31T02:30:00", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new DateOnly(2024, 3, 31)).Problem);
        Assert.StartsWith("must be an ISO-8601 time", Resolve("yesterday", Shanghai, March1).Problem, StringComparison.Ordinal);
    }

    private static (long UtcTicks, string? Problem) Resolve(string timestamp, TimeZoneInfo zone, DateOnly day)
    {
        using var reading = JsonDocument.Parse($$"""{"timestamp": "{{timestamp}}"}""");
        return ReadingTime.Resolve(reading.RootElement, "timestamp", zone, day);
    }
}
