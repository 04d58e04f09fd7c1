namespace Pipeline.Chaos.Harness;

/// <summary>One trigger request: when, to which server, and the run id when the server acknowledged it (201).</summary>
internal sealed record TriggerRecord(DateTimeOffset At, string Server, string? RunId, string Outcome);
