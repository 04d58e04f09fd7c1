using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>Sign-in, sessions and API keys; bound from the <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions : ICheckedOptions
{
    /// <summary>The first admin, created at start-up when the server has no users yet.</summary>
    public FirstAdminOptions Admin { get; set; } = new();

    /// <summary>A session ends after this long without a request (sliding); signing in again starts a new one.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    public int MinPasswordLength { get; set; } = 12;

    /// <summary>Lifetime of a new API key when its creator names none.</summary>
    public int DefaultKeyDays { get; set; } = 90;

    /// <summary>No API key lives longer than this.</summary>
    public int MaxKeyDays { get; set; } = 365;

    /// <summary>
    /// Whether <c>/metrics</c> answers without credentials (default: yes, as Prometheus scrapes it; it holds counts and
    /// data statistics, no data). False: a scraper sends an API key as a bearer token (Prometheus' <c>authorization</c>).
    /// </summary>
    public bool AnonymousMetrics { get; set; } = true;

    /// <summary>What is wrong with these settings, each naming its key (the first admin's included).</summary>
    public IEnumerable<string> Problems()
    {
        if (MinPasswordLength < 8 || DefaultKeyDays < 1 || MaxKeyDays < DefaultKeyDays || SessionIdleTimeout <= TimeSpan.Zero)
        {
            yield return "Auth:MinPasswordLength must be at least 8, Auth:DefaultKeyDays at least 1 and at most Auth:MaxKeyDays, Auth:SessionIdleTimeout positive";
        }

        foreach (var problem in Admin.Problems())
        {
            yield return problem;
        }
    }
}
