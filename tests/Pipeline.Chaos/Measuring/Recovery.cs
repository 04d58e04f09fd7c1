namespace Pipeline.Chaos.Measuring;

/// <summary>
/// How fast work resumed. Take-over: for each step a fault's server was running when it hit, the time from the fault
/// until another server claimed its next attempt (to run it again or to adopt the orphan); steps that ran on and were
/// recorded by their own server (drained) are counted apart. After the fault's end: the first step start and the first
/// run finished, worst over the faults whose next fault did not come first (it would time that one instead).
/// </summary>
internal sealed record Recovery(IReadOnlyList<Takeover> Takeovers, int RanOn, TimeSpan? StepAfterFault, TimeSpan? RunAfterFault)
{
    /// <summary>Engine:MaxParallelSteps, the default the servers run with.</summary>
    public const int Slots = 8;

    public static Recovery Of(
        IReadOnlyList<Fault> faults, IReadOnlyList<Execution> executions, IReadOnlyList<RunOutcome> runs, TimeSpan? limit, Func<string, int?> serverPid)
    {
        var byId = runs.ToDictionary(r => r.RunId, StringComparer.Ordinal);
        var takeovers = new List<Takeover>();
        var ranOn = 0;
        TimeSpan? step = null;
        TimeSpan? run = null;
        for (var i = 0; i < faults.Count; i++)
        {
            var fault = faults[i];
            if (fault.ServerPid is { } pid)
            {
                foreach (var hit in executions.Where(e => e.ServerPid == pid && e.RunningAt(fault.At)))
                {
                    var attempts = byId.TryGetValue(hit.RunId, out var outcome) ? outcome.Attempts(hit.StepId) : [];
                    var next = attempts.FirstOrDefault(a => a.Attempt > hit.Attempt && a.WorkerId != fault.Server);
                    if (next is null)
                    {
                        ranOn++;
                        continue;
                    }

                    var lost = attempts.FirstOrDefault(a => a.Attempt == hit.Attempt)?.FinishedAt;
                    var restarted = executions.Any(e => e.Key == hit.Key && e.Start >= fault.At && e.ServerPid != pid);
                    // Only a late claim asks why: was the claiming server full at the limit?
                    var busy = limit is { } l && next.StartedAt - fault.At > l && serverPid(next.WorkerId) is { } taker &&
                        executions.Count(e => e.ServerPid == taker && e.RunningAt(fault.At + l)) >= Slots;
                    takeovers.Add(new Takeover(next.StartedAt - fault.At, lost - fault.At, restarted, busy));
                }
            }

            var window = i + 1 < faults.Count ? faults[i + 1].At : DateTimeOffset.MaxValue;
            var firstStart = executions.Where(e => e.Start >= fault.EndedAt && e.Start < window && e.ServerPid != fault.ServerPid).Select(e => (DateTimeOffset?)e.Start).Min();
            var firstRun = runs.Where(r => r.State == "succeeded" && r.FinishedAt >= fault.EndedAt && r.FinishedAt < window).Select(r => r.FinishedAt).Min();
            step = Worst(step, firstStart - fault.EndedAt);
            run = Worst(run, firstRun - fault.EndedAt);
        }

        return new Recovery(takeovers, ranOn, step, run);
    }

    private static TimeSpan? Worst(TimeSpan? known, TimeSpan? next) => known is null ? next : next is null ? known : known > next ? known : next;
}
