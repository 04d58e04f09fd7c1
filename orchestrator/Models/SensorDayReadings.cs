using System.Globalization;
using System.Text.Json;
using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// Reads <c>{"sensorId"?, "day", "timeZone"?, "values": [{"timestamp": ..., "TEMP": 1.5, "PM2.5": null}, ...]}</c>
/// into a <see cref="SensorDay"/>, as the Chunker would have chunked those rows: a timestamp without an offset is a
/// wall time in the zone (default UTC, the Chunker's default too), every reading must fall on <c>day</c> there, and
/// the readings are put in time order. Unlike the Chunker, which keeps the first of two readings at one time and
/// reports the second, the request is refused: a client sending one day can mend it. Every reading has the same
/// columns; null is NA, and "NaN", "Infinity" and "-Infinity" stand for the values JSON cannot write. Problems are
/// keyed by path (<c>readings.values[3].timestamp</c>; <c>readings.values[*].TEMP</c> for a whole column), at most 20.
/// </summary>
public static partial class SensorDayReadings
{
    /// <summary>Readings in one request at most: one a second for a day.</summary>
    public const int MaxReadings = 86_400;

    private const int MaxProblems = 20;
    private const string Path = "readings";
    private const string TimestampName = "timestamp";

    /// <param name="readings">The request's <c>readings</c>.</param>
    /// <param name="needed">Value columns the model's features are computed from; each must be in the readings.</param>
    public static (SensorDay? Day, Dictionary<string, string[]> Problems) Read(JsonElement readings, IReadOnlySet<string> needed)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (readings.ValueKind != JsonValueKind.Object)
        {
            Add(problems, Path, "must be {\"day\": \"yyyy-MM-dd\", \"values\": [{\"timestamp\": ..., column: number or null, ...}]}");
            return (null, problems);
        }

        var sensorId = OptionalString(readings, "sensorId", problems);
        var zoneId = OptionalString(readings, "timeZone", problems) ?? "UTC";
        var zone = TimeZoneIds.TryFind(zoneId, out var found) ? found : null;
        if (zone is null)
        {
            Add(problems, $"{Path}.timeZone", TimeZoneIds.Problem(zoneId)!);
        }

        DateOnly? day = readings.TryGetProperty("day", out var dayText) && dayText.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(dayText.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        if (day is null)
        {
            Add(problems, $"{Path}.day", "must be the local calendar day, yyyy-MM-dd");
        }

        if (!readings.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            Add(problems, $"{Path}.values", "must be an array of at least one reading {\"timestamp\": ..., column: number or null, ...}");
            return (null, problems);
        }

        if (values.GetArrayLength() > MaxReadings)
        {
            Add(problems, $"{Path}.values", $"at most {MaxReadings} readings a request; run sensor-prediction for more");
            return (null, problems);
        }

        if (zone is null || day is not { } chosenDay)
        {
            return (null, problems);
        }

        var rows = ReadRows(values, zone, chosenDay, problems);
        var columns = Columns(rows, needed, problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        // Time order, as in a chunk (the Chunker sorts each sensor's rows by time): the sums are then added in the same order.
        rows.Sort((a, b) => a.UtcTicks.CompareTo(b.UtcTicks));
        var byColumn = columns.ToDictionary(c => c, c => rows.Select(r => r.Values[c]).ToArray(), StringComparer.Ordinal);
        return (new SensorDay(sensorId, chosenDay, zone.Id, rows.Count, byColumn), problems);
    }

    private static List<Reading> ReadRows(JsonElement values, TimeZoneInfo zone, DateOnly day, Dictionary<string, string[]> problems)
    {
        var rows = new List<Reading>(values.GetArrayLength());
        var seen = new Dictionary<long, int>();
        var i = 0;
        foreach (var value in values.EnumerateArray())
        {
            var path = $"{Path}.values[{i}]";
            if (value.ValueKind != JsonValueKind.Object)
            {
                Add(problems, path, "a reading must be an object {\"timestamp\": ..., column: number or null, ...}");
            }
            else
            {
                var (ticks, problem) = ReadingTime.Resolve(value, TimestampName, zone, day);
                if (problem is not null)
                {
                    Add(problems, $"{path}.{TimestampName}", problem);
                }
                else if (seen.TryGetValue(ticks, out var first))
                {
                    Add(problems, $"{path}.{TimestampName}", $"is the same time as {Path}.values[{first}]; send one reading per time");
                }
                else
                {
                    seen[ticks] = i;
                    rows.Add(new Reading(i, ticks, ReadValues(value, path, problems)));
                }
            }

            i++;
        }

        return rows;
    }

    /// <summary>The value columns (in order of first appearance); every reading must have each, and the needed ones must be there.</summary>
    private static List<string> Columns(List<Reading> rows, IReadOnlySet<string> needed, Dictionary<string, string[]> problems)
    {
        var columns = rows.SelectMany(r => r.Values.Keys).Distinct(StringComparer.Ordinal).ToList();
        foreach (var column in needed.Where(n => !columns.Contains(n, StringComparer.Ordinal)).Order(StringComparer.Ordinal))
        {
            Add(problems, $"{Path}.values[*].{column}", "no reading has this column, which the model's features need; null marks a missing value");
        }

        foreach (var row in rows)
        {
            foreach (var column in columns.Where(c => !row.Values.ContainsKey(c)))
            {
                Add(problems, $"{Path}.values[{row.Index}].{column}", "is missing: every reading has the same columns, and null marks a missing value");
            }
        }

        return columns;
    }

    private static string? OptionalString(JsonElement readings, string name, Dictionary<string, string[]> problems)
    {
        if (!readings.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        Add(problems, $"{Path}.{name}", "must be a non-empty string");
        return null;
    }

    private static void Add(Dictionary<string, string[]> problems, string path, string message)
    {
        if (problems.Count < MaxProblems)
        {
            problems.TryAdd(path, [message]);
        }
    }

    /// <summary>One reading: its place in the request, its instant, and its values by column.</summary>
    private sealed record Reading(int Index, long UtcTicks, Dictionary<string, double?> Values);
}
