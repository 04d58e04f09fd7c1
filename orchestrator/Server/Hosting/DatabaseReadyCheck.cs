using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pipeline.Orchestrator.Persistence;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Readiness (<c>/readyz</c>): the database answers within a few seconds and its schema is migrated. A server
/// whose database is away stays alive (<c>/healthz</c>) and retries; it is only not ready to take requests.
/// </summary>
internal sealed class DatabaseReadyCheck(OrchestratorDatabase database) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            // WaitAsync as well as the token: a hung database server (stopped, not gone) can hold a connection
            // attempt past its cancellation, and readiness must answer within its limit whatever the driver does.
            var problem = await database.CheckReadyAsync(timeout.Token).WaitAsync(Timeout, cancellationToken);
            return problem is null
                ? HealthCheckResult.Healthy($"database {database.Endpoint} answers and is migrated")
                : HealthCheckResult.Unhealthy($"database {database.Endpoint}: {problem}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var reason = e is OperationCanceledException or TimeoutException ? $"no answer within {Timeout.TotalSeconds:F0} s" : e.Message;
            return HealthCheckResult.Unhealthy($"database {database.Endpoint}: {reason}");
        }
    }
}
