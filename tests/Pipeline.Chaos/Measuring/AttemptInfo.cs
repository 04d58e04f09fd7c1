namespace Pipeline.Chaos.Measuring;

/// <summary>One attempt of a step as the API records it: who claimed it and when, how and when it ended.</summary>
internal sealed record AttemptInfo(int Attempt, string State, string WorkerId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error);
