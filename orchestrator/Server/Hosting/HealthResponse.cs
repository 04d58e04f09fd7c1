using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// The body of <c>/readyz</c>: overall status and each check's status and reason as JSON, so an operator (or a
/// probe's log) sees why a server is not ready, not only a 503.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = new JsonObject();
        foreach (var (name, entry) in report.Entries)
        {
            checks[name] = new JsonObject
            {
                ["status"] = entry.Status.ToString(),
                ["description"] = entry.Description,
                ["durationMs"] = Math.Round(entry.Duration.TotalMilliseconds, 1),
            };
        }

        var body = new JsonObject { ["status"] = report.Status.ToString(), ["checks"] = checks };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
