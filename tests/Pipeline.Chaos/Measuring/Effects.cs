namespace Pipeline.Chaos.Measuring;

/// <summary>
/// What the journal says about side effects, per (run, step): more than one "end" line (the effect happened twice),
/// more than one start (launched again), and starts whose processes ran at the same time (overlapping).
/// </summary>
internal sealed record Effects(int DuplicateEffects, int Overlapping, int ReRun, int Hung, int Unclosed)
{
    /// <summary>A step that sleeps s seconds and runs this much longer is stuck on something (a full pipe, a full disk).</summary>
    public static readonly TimeSpan HangMargin = TimeSpan.FromSeconds(20);

    public static Effects Of(IReadOnlyList<JournalEntry> entries, IReadOnlyList<Execution> executions, Func<Execution, bool> alive, DateTimeOffset now)
    {
        var duplicates = entries.Where(e => e.Kind == "end").GroupBy(e => (e.RunId, e.StepId)).Count(g => g.Count() > 1);
        var groups = executions.GroupBy(e => e.Key).ToList();
        var reRun = groups.Count(g => g.Count() > 1);
        var overlapping = groups.Count(g => Overlaps([.. g.OrderBy(x => x.Start)], alive, now));
        var hung = executions.Count(e => (EndOf(e, alive, now) - e.Start) > TimeSpan.FromSeconds(e.PlannedSeconds) + HangMargin);
        var unclosed = executions.Count(e => e.End is null && !alive(e));
        return new Effects(duplicates, overlapping, reRun, hung, unclosed);
    }

    /// <summary>
    /// Where an execution ended: its line; now while it still runs; when killed without a word (SIGKILL), its planned
    /// end, the latest it could have run to.
    /// </summary>
    public static DateTimeOffset EndOf(Execution e, Func<Execution, bool> alive, DateTimeOffset now) =>
        e.End ?? (alive(e) ? now : e.Start + TimeSpan.FromSeconds(e.PlannedSeconds));

    private static bool Overlaps(List<Execution> ordered, Func<Execution, bool> alive, DateTimeOffset now)
    {
        var reach = DateTimeOffset.MinValue;
        foreach (var e in ordered)
        {
            if (e.Start < reach)
            {
                return true;
            }

            var end = EndOf(e, alive, now);
            reach = end > reach ? end : reach;
        }

        return false;
    }
}
