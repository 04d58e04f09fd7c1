using System.Globalization;
using System.Threading.RateLimiting;

namespace Pipeline.Orchestrator.Http;

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
        if (bodies.MaxRequestBodyBytes < 1024 || bodies.MaxPredictBodyBytes < bodies.MaxRequestBodyBytes || rates.TriggersPerMinute < 1 || rates.LoginsPerMinute < 1)
        {
            throw new InvalidOperationException(
                "configuration: Server:MaxRequestBodyBytes must be at least 1024 and Server:MaxPredictBodyBytes at least that, "
                + "RateLimits:TriggersPerMinute and RateLimits:LoginsPerMinute at least 1");
        }

        services.AddSingleton(bodies);
        services.AddSingleton(rates);
        services.AddSingleton<TriggerRateLimiter>();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = bodies.MaxRequestBodyBytes);
        // Kestrel's 413 says nothing of the limit: the problem names it and the setting that raises it. (Minimal APIs
        // turn a body too large into a bare 413, written by the status code pages; a body read by hand throws.)
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
            {
                var own = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>();
                var (bytes, setting) = own is null ? (bodies.MaxRequestBodyBytes, "Server:MaxRequestBodyBytes") : (own.Bytes, own.Setting);
                context.ProblemDetails.Detail = $"the request body is larger than the {bytes} bytes this endpoint reads ({setting})";
            }
        });
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
