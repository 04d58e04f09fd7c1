using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Auth;

namespace Pipeline.Orchestrator.Http;

/// <summary>
/// How many runs each user may start (<c>RateLimits:TriggersPerMinute</c>): a token bucket per user, one token per
/// run, whatever the door (API, rerun, HTTP hook, each day of a backfill). Taken after authentication and
/// authorization, so a request refused there (a stranger, a viewer) takes nobody's tokens, and per user rather than
/// per address, so callers behind one proxy do not share one allowance. A user's API keys and sessions share their
/// bucket: keys are self-service, and a bucket per key would let any operator multiply their allowance.
/// </summary>
public sealed class TriggerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _buckets;

    public TriggerRateLimiter(RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PerMinute = options.TriggersPerMinute;
        _buckets = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = PerMinute,
            TokensPerPeriod = PerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>The most runs one user may start in a minute, and at once.</summary>
    public int PerMinute { get; }

    /// <summary>
    /// Takes <paramref name="runs"/> tokens (at most <see cref="PerMinute"/>) from the caller's bucket: null when
    /// taken; otherwise none are taken and the answer is a 429 saying when to come back (also in <c>Retry-After</c>).
    /// </summary>
    public ProblemHttpResult? TryTake(HttpContext context, int runs)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(runs, PerMinute);
        using var lease = _buckets.AttemptAcquire(Partition(context), runs);
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = seconds;
        var who = Caller(context);
        var detail = runs == 1
            ? $"more than {PerMinute} runs a minute started by {who}; try again in {seconds} s"
            : $"a backfill of {runs} runs needs more of the {PerMinute} runs a minute {who} may start than are left; nothing was created; try again in {seconds} s";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    public void Dispose() => _buckets.Dispose();

    // Every trigger endpoint needs the operator role, so a caller here is signed in; the address is a safe fallback.
    private static string Partition(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.UserName() : "address:" + context.Connection.RemoteIpAddress;

    private static string Caller(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.UserName() : $"{context.Connection.RemoteIpAddress}";
}
