namespace Pipeline.Orchestrator.Http;

/// <summary>How fast one caller may start runs and try to sign in; bound from the <c>RateLimits</c> configuration section.</summary>
public sealed class RateLimitOptions
{
    /// <summary>
    /// Runs one signed-in user may start a minute, through every door together (API, rerun, HTTP hooks, one per day of
    /// a backfill); also how many at once (a token bucket of this size, refilled every minute).
    /// </summary>
    public int TriggersPerMinute { get; set; } = 120;

    /// <summary>Sign-in attempts one client address may make a minute.</summary>
    public int LoginsPerMinute { get; set; } = 10;
}
