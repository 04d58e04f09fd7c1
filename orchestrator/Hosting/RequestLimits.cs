using System.Globalization;
using System.Threading.RateLimiting;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Limits on what one client can make the server do: request bodies (<c>Server:MaxRequestBodyBytes</c>, 1 MiB; a
/// larger one is refused with 413 before it is read) and, per client address, how fast runs can be started through
/// the API and HTTP hooks (<c>RateLimits:TriggersPerMinute</c>, 120, as a token bucket that allows that many at once)
/// and how often it may try to sign in (<c>RateLimits:LoginsPerMinute</c>, 10); 429 with <c>Retry-After</c> beyond.
/// </summary>
public static class RequestLimits
{
    public const string TriggerPolicy = "triggers";
    public const string LoginPolicy = "logins";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var maxBody = configuration.GetValue<long?>("Server:MaxRequestBodyBytes") ?? 1024 * 1024;
        var perMinute = configuration.GetValue<int?>("RateLimits:TriggersPerMinute") ?? 120;
        var loginsPerMinute = configuration.GetValue<int?>("RateLimits:LoginsPerMinute") ?? 10;
        if (maxBody < 1024 || perMinute < 1 || loginsPerMinute < 1)
        {
            throw new InvalidOperationException(
                "configuration: Server:MaxRequestBodyBytes must be at least 1024, RateLimits:TriggersPerMinute and RateLimits:LoginsPerMinute at least 1");
        }

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = maxBody);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(TriggerPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = perMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            // Sign-in attempts per address: password guessing gets 10 tries a minute, not thousands.
            o.AddPolicy(LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = loginsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Ceiling(wait.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var what = context.HttpContext.Request.Path.StartsWithSegments("/api/auth/login")
                    ? $"more than {loginsPerMinute} sign-in attempts a minute"
                    : $"more than {perMinute} runs a minute started";
                await Results.Problem(
                        $"{what} from {context.HttpContext.Connection.RemoteIpAddress}; try again in {seconds} s",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
