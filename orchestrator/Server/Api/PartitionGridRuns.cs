using System.Globalization;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Api;

/// <summary>Run-length encodes an asset's day partitions for <see cref="PartitionGridView"/>.</summary>
internal static class PartitionGridRuns
{
    public static PartitionGridView Encode(string asset, string? from, string? to, PartitionStateList list)
    {
        var states = PartitionStateList.Known.ToList();
        var counts = new long[states.Count];
        // Within a state the days come oldest first, and a day has one state: a run is a stretch of consecutive days
        // of one state's list. The runs are put in calendar order at the end (there are few of them).
        var runs = new List<(int Start, int Length, int Code)>();
        string? previousState = null;
        var code = -1;
        for (var i = 0; i < list.Days.Count; i++)
        {
            var state = list.States[i];
            if (!ReferenceEquals(state, previousState))
            {
                code = states.IndexOf(state);
                previousState = state;
            }

            counts[code]++;
            var day = list.Days[i];
            if (runs.Count > 0 && runs[^1].Code == code && runs[^1].Start + runs[^1].Length == day)
            {
                runs[^1] = runs[^1] with { Length = runs[^1].Length + 1 };
            }
            else
            {
                runs.Add((day, 1, code));
            }
        }

        runs.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new PartitionGridView(
            asset,
            from,
            to,
            states,
            states.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => counts[x.i], StringComparer.Ordinal),
            list.Days.Count,
            [.. runs.Select(r => DateOnly.FromDayNumber(r.Start).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            [.. runs.Select(r => r.Length)],
            [.. runs.Select(r => r.Code)]);
    }
}
