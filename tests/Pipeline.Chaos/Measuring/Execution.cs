namespace Pipeline.Chaos.Measuring;

/// <summary>
/// One process of a step, from its start line to its end (or stop) line; <see cref="End"/> is null while it runs or
/// when it was killed without a word. <see cref="ServerPid"/> is its parent: the server that launched it.
/// </summary>
internal sealed record Execution(string RunId, string StepId, int Attempt, int Pid, int ServerPid, DateTimeOffset Start, int PlannedSeconds)
{
    public DateTimeOffset? End { get; init; }

    /// <summary>Ran to its end ("end" line), as opposed to stopped by its server.</summary>
    public bool Finished { get; init; }

    public (string RunId, string StepId) Key => (RunId, StepId);

    /// <summary>Whether it was running at <paramref name="moment"/>.</summary>
    public bool RunningAt(DateTimeOffset moment) => Start <= moment && (End is null || End > moment);
}
