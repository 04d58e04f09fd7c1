namespace Pipeline.Chaos.Measuring;

/// <summary>
/// One step a fault's server was running, claimed by another server as its next attempt. <see cref="After"/>: from
/// the fault to that claim (the API's startedAt of the next attempt); <see cref="Noticed"/>: to the dead attempt being
/// recorded lost. <see cref="Restarted"/>: the journal shows a new process (run again), as opposed to the orphan
/// adopted. <see cref="WaitedForSlot"/>: a claim later than the limit, by a server that had all its slots (Engine:MaxParallelSteps) busy at the
/// take-over limit, so the delay was capacity, not lease expiry.
/// </summary>
internal sealed record Takeover(TimeSpan After, TimeSpan? Noticed, bool Restarted, bool WaitedForSlot);
