using System.Globalization;

namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// The days a partitioned step's <c>keys</c> name: <c>yyyy-MM-dd</c> days and inclusive
/// <c>yyyy-MM-dd..yyyy-MM-dd</c> ranges, separated by commas, spaces or new lines; each day once, in day order.
/// </summary>
public static class PartitionKeyList
{
    /// <summary>
    /// The most partitions one step fans out into: every change of a run reads all its step runs, so a fan-out
    /// is bounded (27 years of days); a longer backfill is split into runs.
    /// </summary>
    public const int MaxPartitions = 10_000;

    /// <summary>The days, sorted and distinct; null with <paramref name="error"/> saying which item is wrong.</summary>
    public static IReadOnlyList<string>? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new SortedSet<DateOnly>();
        foreach (var item in text.Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var range = item.Split("..");
            if (range.Length > 2 || Day(range[0]) is not { } from || (range.Length == 2 ? Day(range[1]) : from) is not { } to)
            {
                error = $"'{Shorten(item)}' is not a day (yyyy-MM-dd) or a range of days (yyyy-MM-dd..yyyy-MM-dd)";
                return null;
            }

            if (to < from)
            {
                error = $"'{item}' ends before it starts";
                return null;
            }

            if (to.DayNumber - from.DayNumber + days.Count >= MaxPartitions)
            {
                error = $"more than {MaxPartitions} partitions; split the work into several runs";
                return null;
            }

            for (var day = from; day <= to; day = day.AddDays(1))
            {
                days.Add(day);
            }
        }

        error = null;
        return [.. days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    private static DateOnly? Day(string text) =>
        text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Shorten(string item) => item.Length <= 40 ? item : item[..40] + "…";
}
