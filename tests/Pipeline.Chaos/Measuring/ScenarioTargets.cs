namespace Pipeline.Chaos.Measuring;

/// <summary>
/// What a scenario must achieve besides what every scenario must (no run lost, none stuck, no step hung): the issue's
/// targets, each on the scenarios it names.
/// </summary>
internal sealed record ScenarioTargets(bool NoDuplicates = false, bool NoOverlap = false, bool NoFailed = false, TimeSpan? TakeoverLimit = null)
{
    public List<string> Misses(ScenarioResult result, int hung, Recovery recovery)
    {
        var misses = new List<string>();
        Check(misses, result.RunsLost == 0, $"{result.RunsLost} runs lost (acknowledged, then unknown to the server)");
        Check(misses, result.RunsStuck == 0, $"{result.RunsStuck} runs stuck (not finished by the recovery deadline)");
        Check(misses, hung == 0, $"{hung} step processes hung (ran more than {Effects.HangMargin.TotalSeconds:0} s past their planned sleep)");
        Check(misses, !NoDuplicates || result.DuplicateEffects == 0, $"{result.DuplicateEffects} duplicate effects (a step's end written twice)");
        Check(misses, !NoOverlap || result.LaunchedTwiceOverlapping == 0, $"{result.LaunchedTwiceOverlapping} steps ran twice at the same time");
        Check(misses, !NoFailed || result.FailedRuns == 0, $"{result.FailedRuns} runs failed");
        // A step that waited for a slot of a busy server shows capacity, not the lease: not held to the limit.
        var late = TakeoverLimit is { } limit ? recovery.Takeovers.Where(t => !t.WaitedForSlot && t.After > limit).ToList() : [];
        Check(misses, late.Count == 0,
            $"{late.Count} take-overs slower than {TakeoverLimit?.TotalSeconds:0.0} s (lease + sweep 1 s + poll + 0.5 s), the slowest {late.Select(t => t.After.TotalSeconds).DefaultIfEmpty().Max():0.00} s");
        return misses;
    }

    private static void Check(List<string> misses, bool met, string miss)
    {
        if (!met)
        {
            misses.Add(miss);
        }
    }
}
