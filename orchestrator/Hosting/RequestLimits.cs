using System.Globalization;
using System.Threading.RateLimiting;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Limits on what one client can make the server do: request bodies (<c>Server:MaxRequestBodyBytes</c>, 1 MiB; a
/// larger one is refused with 413 before it is read) and, per client address, how fast runs can be started through
/// the API and HTTP hooks (<c>RateLimits:TriggersPerMinute</c>, 120, as a token bucket that allows that many at once;
/// 429 with <c>Retry-After</c> beyond it).
/// </summary>
public static class RequestLimits
{
    public const string TriggerPolicy = "triggers";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var maxBody = configuration.GetValue<long?>("Server:MaxRequestBodyBytes") ?? 1024 * 1024;
        var perMinute = configuration.GetValue<int?>("RateLimits:TriggersPerMinute") ?? 120;
        if (maxBody < 1024 || perMinute < 1)
        {
            throw new InvalidOperationException("configuration: Server:MaxRequestBodyBytes must be at least 1024 and RateLimits:TriggersPerMinute at least 1");
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
            o.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                        $"more than {perMinute} runs a minute started from {context.HttpContext.Connection.RemoteIpAddress}; try again in {Math.Ceiling(wait.TotalSeconds)} s",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
