namespace Pipeline.Chaos.Measuring;

/// <summary>
/// One journal line a step wrote: <c>start|end|stop run step attempt pid ancestor-pids unix-time planned-sleep</c>,
/// the ancestors as the step saw them at its start, nearest first. <c>stop</c> is the step's SIGTERM trap (its server
/// stopped it); a SIGKILL leaves no line.
/// </summary>
internal sealed record JournalEntry(string Kind, string RunId, string StepId, int Attempt, int Pid, IReadOnlyList<int> Ancestors, DateTimeOffset At, int PlannedSeconds);
