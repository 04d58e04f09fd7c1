using System.Globalization;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Api;

/// <summary>Run-length encodes an asset's partitions (keys oldest first) for <see cref="PartitionGridView"/>.</summary>
internal static class PartitionGridRuns
{
    /// <summary>
    /// The states a grid names, in code order. <c>running</c> is not a catalog state yet; it has its code so clients
    /// draw it when the server starts to report it. A state not listed gets the next code in that answer.
    /// </summary>
    public static readonly IReadOnlyList<string> KnownStates = [.. PartitionStates.All, "running"];

    public static PartitionGridView Encode(string asset, string? from, string? to, PartitionStateList list)
    {
        var states = KnownStates.ToList();
        var counts = states.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
        var starts = new List<string>();
        var lengths = new List<int>();
        var codes = new List<int>();
        var previousDay = int.MinValue;
        for (var i = 0; i < list.Keys.Count; i++)
        {
            var state = list.States[i];
            var code = states.IndexOf(state);
            if (code < 0)
            {
                code = states.Count;
                states.Add(state);
                counts[state] = 0;
            }

            counts[state]++;
            var day = DayNumber(list.Keys[i]);
            if (day is { } d && d == previousDay + 1 && codes.Count > 0 && codes[^1] == code)
            {
                lengths[^1]++;
            }
            else
            {
                starts.Add(list.Keys[i]);
                lengths.Add(1);
                codes.Add(code);
            }

            // A key that is not a day (a model's version) stands alone: never the start of a longer run.
            previousDay = day ?? int.MinValue;
        }

        return new PartitionGridView(asset, from, to, states, counts, list.Keys.Count, starts, lengths, codes);
    }

    /// <summary>The day number of a <c>yyyy-MM-dd</c> key, without a general parser: it runs once per partition.</summary>
    private static int? DayNumber(string key)
    {
        if (key.Length != 10 || key[4] != '-' || key[7] != '-'
            || !int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !int.TryParse(key.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) || !int.TryParse(key.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day).DayNumber;
    }
}
