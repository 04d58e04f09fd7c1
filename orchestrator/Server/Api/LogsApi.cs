using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Api;

/// <summary>An attempt's stdout or stderr, whole or followed live until the attempt ends.</summary>
internal static class LogsApi
{
    public static RouteHandlerBuilder MapLogsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/runs/{runId}/steps/{stepId}/attempts/{attempt:int}/logs", GetAsync)
            .WithTags("Runs")
            .WithSummary("An attempt's log: stream=stdout (default) or stderr; follow=true streams until the attempt ends")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task GetAsync(HttpContext http, string runId, string stepId, int attempt, string? stream, bool? follow, LogFollower logs)
    {
        var key = new AttemptKey(runId, stepId, attempt);
        if (stream is not (null or "stdout" or "stderr"))
        {
            await TypedResults.Problem("stream must be stdout or stderr", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        // CopyAsync checks that the attempt exists before it writes a byte, so a missing one can still be a 404.
        if (!await logs.CopyAsync(key, stream == "stderr", follow == true, http.Response.Body, http.RequestAborted))
        {
            http.Response.ContentType = null;
            await ApiProblems.NotFound($"no attempt {key}").ExecuteAsync(http);
        }
    }
}
