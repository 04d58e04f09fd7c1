using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.Http;

namespace Pipeline.Orchestrator.Api;

/// <summary>Cron schedules with their next due times, and backfills over a date range.</summary>
internal static class SchedulesApi
{
    /// <summary>A backfill creates at most this many runs at once, so a typo in a year does not queue ten thousand.</summary>
    private const int MaxBackfillDays = 366;

    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Schedules");
        group.MapGet("/schedules", ListAsync).WithSummary("Every cron trigger of the published workflows, with its next due time");
        group.MapPost("/workflows/{workflowId}/backfill", BackfillAsync).WithSummary("One run per day over a date range, each with that day as its logical date").RequireAuthorization(Auth.AuthPolicies.Operator);
        return group;
    }

    private static async Task<Ok<List<ScheduleView>>> ListAsync(ScheduleCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok((await catalog.CronTriggersAsync(cancellationToken))
            .Select(t => new ScheduleView(t.WorkflowId, t.Version, t.Index, t.Definition.Schedule!, t.TimeZone.Id, t.Definition.CatchUp, t.NextAfter(now)))
            .ToList());
    }

    /// <summary>
    /// All or nothing: every day is checked first (404, 422), then the caller's trigger tokens are taken, one per run
    /// (429 with Retry-After when fewer are left: nothing is created, and the same request works later), then the
    /// runs are stored in one transaction (409 when the workflow's queue would pass its limit).
    /// </summary>
    private static async Task<Results<Ok<List<RunView>>, ProblemHttpResult>> BackfillAsync(
        string workflowId, BackfillRequest request, HttpContext context, RunLauncher launcher, TriggerRateLimiter limiter, CancellationToken cancellationToken)
    {
        var days = request.To.DayNumber - request.From.DayNumber + 1;
        if (days is < 1 or > MaxBackfillDays)
        {
            return TypedResults.Problem($"the range must cover 1 to {MaxBackfillDays} days; it covers {days}", statusCode: StatusCodes.Status400BadRequest);
        }

        if (days > limiter.PerMinute)
        {
            // Never fits, however long the caller waits: a 429 would have them retry for ever.
            return TypedResults.Problem(
                $"a backfill starts a run per day, and one user may start at most {limiter.PerMinute} runs a minute (RateLimits:TriggersPerMinute): "
                + $"ask for at most {limiter.PerMinute} days at a time; this range covers {days}",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var (inputs, problems) = ApiInputs.FromJson(request.Inputs ?? []);
        if (problems.Count > 0)
        {
            return ApiProblems.Invalid($"the inputs do not fit workflow '{workflowId}'", problems);
        }

        try
        {
            var prepared = await launcher.PrepareAsync(
                [.. Enumerable.Range(0, days).Select(d => request.From.AddDays(d)).Select(day => new LaunchRequest
                {
                    WorkflowId = workflowId,
                    Inputs = inputs,
                    TriggeredBy = "backfill",
                    StartedBy = context.User.UserName(),
                    LogicalDate = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                })],
                cancellationToken);
            if (limiter.TryTake(context, prepared.Count) is { } tooMany)
            {
                return tooMany;
            }

            var created = await launcher.LaunchAsync(prepared, cancellationToken);
            return TypedResults.Ok(created.Select(r => RunView.Of(r!)).ToList());
        }
        catch (LaunchRefusedException e)
        {
            return ApiProblems.Refused(e);
        }
    }
}
