namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// Retries of a failed attempt with exponential backoff: the n-th retry waits
/// <c>min(InitialDelaySeconds * BackoffMultiplier^(n-1), MaxDelaySeconds)</c>. A step whose program says
/// "retrying will not help" (exit codes 64, 65, 66, 78) is not retried.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first attempt; 0 runs a step once.</summary>
    public int Retries { get; init; }

    public double InitialDelaySeconds { get; init; } = 10;

    public double BackoffMultiplier { get; init; } = 2;

    public double MaxDelaySeconds { get; init; } = 600;

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var seconds = InitialDelaySeconds * Math.Pow(BackoffMultiplier, retry - 1);
        // Clamped to a day as well, so that a definition that slipped past validation cannot overflow TimeSpan.
        return TimeSpan.FromSeconds(Math.Clamp(double.IsNaN(seconds) ? 0 : seconds, 0, Math.Min(MaxDelaySeconds, 86_400)));
    }
}
