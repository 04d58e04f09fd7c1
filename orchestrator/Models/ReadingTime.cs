using System.Text.Json;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// The instant of one raw reading and the check that it falls on the requested day, with the Chunker's own
/// <see cref="ZoneClock"/>: with an offset it is that instant; without one it is a wall time in the zone, a time
/// skipped by a daylight-saving change is refused, and an ambiguous one is its first (daylight) occurrence.
/// </summary>
public static class ReadingTime
{
    /// <returns>The reading's UTC ticks, or a problem with its timestamp.</returns>
    public static (long UtcTicks, string? Problem) Resolve(JsonElement reading, string property, TimeZoneInfo zone, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!reading.TryGetProperty(property, out var text) || text.ValueKind != JsonValueKind.String || !text.TryGetDateTime(out var time))
        {
            return (0, "must be an ISO-8601 time, with an offset (2013-03-01T08:00:00+08:00) or as a wall time in readings.timeZone");
        }

        // The Chunker's own clock: a wall time is read in the zone, an offset keeps its instant.
        var withOffset = time.Kind != DateTimeKind.Unspecified ? text.GetDateTimeOffset() : (DateTimeOffset?)null;
        var wallTicks = withOffset?.DateTime.Ticks ?? time.Ticks;
        var offsetMinutes = withOffset is { } given ? (int)given.Offset.TotalMinutes : (int?)null;
        if (!new ZoneClock(zone).TryResolve(wallTicks, offsetMinutes, out var utcTicks, out var dayNumber))
        {
            return (0, $"{text.GetString()} does not exist in {zone.Id} (skipped by a daylight-saving change)");
        }

        var local = DateOnly.FromDayNumber(dayNumber);
        return local == day
            ? (utcTicks, null)
            : (0, $"{text.GetString()} falls on {local:yyyy-MM-dd} in {zone.Id}, not on readings.day {day:yyyy-MM-dd}");
    }
}
