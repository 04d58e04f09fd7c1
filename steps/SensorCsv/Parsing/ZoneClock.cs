namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Turns a parsed wall-clock time into a UTC instant and the calendar day it falls on in the configured zone.
/// Offsets are cached per wall-clock hour, since looking them up in the zone rules is the slow part. Public: the
/// server's online prediction reads raw readings' times with it, so they land on the days the Chunker would give.
/// Not thread-safe (one per parser).
/// </summary>
public sealed class ZoneClock(TimeZoneInfo zone)
{
    private readonly bool _isUtc = zone.Id is "UTC" or "Etc/UTC" || (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime);
    private readonly Dictionary<long, long> _offsetByHour = [];

    /// <summary>False when the wall time does not exist in the zone (skipped by a daylight-saving change).</summary>
    public bool TryResolve(long wallTicks, int? offsetMinutes, out long utcTicks, out int dayNumber)
    {
        if (offsetMinutes is { } minutes)
        {
            utcTicks = wallTicks - (minutes * TimeSpan.TicksPerMinute);
            var local = _isUtc ? utcTicks : utcTicks + zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
            dayNumber = (int)(local / TimeSpan.TicksPerDay);
            return true;
        }

        dayNumber = (int)(wallTicks / TimeSpan.TicksPerDay);
        if (_isUtc)
        {
            utcTicks = wallTicks;
            return true;
        }

        var hour = wallTicks / TimeSpan.TicksPerHour;
        if (!_offsetByHour.TryGetValue(hour, out var offset))
        {
            var wall = new DateTime(hour * TimeSpan.TicksPerHour, DateTimeKind.Unspecified);
            // A skipped hour is marked with long.MinValue; an ambiguous one takes the first (daylight) occurrence.
            offset = zone.IsInvalidTime(wall) ? long.MinValue
                : zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max().Ticks
                : zone.GetUtcOffset(wall).Ticks;
            _offsetByHour[hour] = offset;
        }

        utcTicks = wallTicks - offset;
        return offset != long.MinValue;
    }
}
