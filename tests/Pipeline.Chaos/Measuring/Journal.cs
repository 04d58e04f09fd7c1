using System.Globalization;

namespace Pipeline.Chaos.Measuring;

/// <summary>The file every step of a scenario appends to (O_APPEND, one short line per write, so lines never mix).</summary>
internal static class Journal
{
    public static IReadOnlyList<JournalEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var entries = new List<JournalEntry>();
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // A line cut short (a step killed mid-write) is skipped rather than guessed at.
            if (f.Length == 8 && f[0] is "start" or "end" or "stop" &&
                int.TryParse(f[3], CultureInfo.InvariantCulture, out var attempt) &&
                int.TryParse(f[4], CultureInfo.InvariantCulture, out var pid) &&
                TryParsePids(f[5], out var ancestors) &&
                decimal.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out var unix) &&
                int.TryParse(f[7], CultureInfo.InvariantCulture, out var planned))
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(unix * 1000m));
                entries.Add(new JournalEntry(f[0], f[1], f[2], attempt, pid, ancestors, at, planned));
            }
        }

        return entries;
    }

    /// <summary>
    /// Each start line paired with the end or stop line of the same process; its server is the nearest ancestor
    /// among <paramref name="servers"/> (the pids of every server the scenario started), else its parent.
    /// </summary>
    public static IReadOnlyList<Execution> Executions(IReadOnlyList<JournalEntry> entries, IReadOnlySet<int> servers)
    {
        var closes = entries.Where(e => e.Kind != "start").GroupBy(e => (e.RunId, e.StepId, e.Pid)).ToDictionary(g => g.Key, g => g.First());
        return [.. entries.Where(e => e.Kind == "start").Select(e =>
        {
            var server = e.Ancestors.FirstOrDefault(servers.Contains, e.Ancestors[0]);
            var execution = new Execution(e.RunId, e.StepId, e.Attempt, e.Pid, server, e.At, e.PlannedSeconds);
            return closes.TryGetValue((e.RunId, e.StepId, e.Pid), out var close)
                ? execution with { End = close.At, Finished = close.Kind == "end" }
                : execution;
        }).OrderBy(x => x.Start)];
    }

    private static bool TryParsePids(string text, out IReadOnlyList<int> pids)
    {
        var parsed = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part, CultureInfo.InvariantCulture, out var pid))
            {
                pids = [];
                return false;
            }

            parsed.Add(pid);
        }

        pids = parsed;
        return parsed.Count > 0;
    }
}
