using System.Globalization;
using System.Threading.RateLimiting;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Limits on what one client can make the server do: request bodies (<see cref="BodyLimitOptions"/>; a larger one is
/// refused with 413 before it is read), how fast each user may start runs (<see cref="TriggerRateLimiter"/>, after
/// sign-in) and how often a client address may try to sign in (<c>RateLimits:LoginsPerMinute</c>, before sign-in by
/// nature); 429 with <c>Retry-After</c> beyond.
/// </summary>
public static class RequestLimits
{
    public const string LoginPolicy = "logins";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var bodies = new BodyLimitOptions();
        configuration.GetSection("Server").Bind(bodies);
        var rates = new RateLimitOptions();
        configuration.GetSection("RateLimits").Bind(rates);
        if (bodies.MaxRequestBodyBytes < 1024 || rates.TriggersPerMinute < 1 || rates.LoginsPerMinute < 1)
        {
            throw new InvalidOperationException(
                "configuration: Server:MaxRequestBodyBytes must be at least 1024, RateLimits:TriggersPerMinute and RateLimits:LoginsPerMinute at least 1");
        }

        services.AddSingleton(bodies);
        services.AddSingleton(rates);
        services.AddSingleton<TriggerRateLimiter>();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = bodies.MaxRequestBodyBytes);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Sign-in attempts per address: password guessing gets 10 tries a minute, not thousands.
            o.AddPolicy(LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = rates.LoginsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Ceiling(wait.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                        $"more than {rates.LoginsPerMinute} sign-in attempts a minute from {context.HttpContext.Connection.RemoteIpAddress}; try again in {seconds} s",
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests")
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>Each call of the endpoint starts one run: it takes one of the caller's tokens (<see cref="TriggerRateLimiter"/>) or is refused with 429.</summary>
    public static RouteHandlerBuilder LimitTriggers(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<TriggerRateLimiter>().TryTake(context.HttpContext, 1) ?? await next(context));
}
