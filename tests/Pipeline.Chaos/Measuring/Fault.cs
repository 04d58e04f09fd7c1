namespace Pipeline.Chaos.Measuring;

/// <summary>
/// One injected fault: when it began and ended (a kill ends at once), and the server it hit, if one: that server's
/// steps running at <see cref="At"/> are the ones another server must take over.
/// </summary>
internal sealed record Fault(string Kind, DateTimeOffset At, DateTimeOffset EndedAt, int? ServerPid = null, string? Server = null);
