using System.Text.Json;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// The instant of one raw reading and the check that it falls on the requested day, read as the Chunker reads a
/// timestamp: with an offset it is that instant; without one it is a wall time in the zone, a time skipped by a
/// daylight-saving change is refused, and an ambiguous one is its first (daylight) occurrence.
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

        DateTime local;
        long utcTicks;
        if (time.Kind == DateTimeKind.Unspecified)
        {
            if (zone.IsInvalidTime(time))
            {
                return (0, $"{text.GetString()} does not exist in {zone.Id} (skipped by a daylight-saving change)");
            }

            var offset = zone.IsAmbiguousTime(time) ? zone.GetAmbiguousTimeOffsets(time).Max() : zone.GetUtcOffset(time);
            local = time;
            utcTicks = time.Ticks - offset.Ticks;
        }
        else
        {
            // With an offset (or Z) the JSON reader gives machine-local time; the offset form keeps the instant exactly.
            var instant = text.GetDateTimeOffset();
            local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
            utcTicks = instant.UtcTicks;
        }

        return DateOnly.FromDateTime(local) == day
            ? (utcTicks, null)
            : (0, $"{text.GetString()} falls on {DateOnly.FromDateTime(local):yyyy-MM-dd} in {zone.Id}, not on readings.day {day:yyyy-MM-dd}");
    }
}
