using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Api;

/// <summary>The designer's cron preview: the next times a schedule fires, read exactly as the scheduler will read it.</summary>
internal static class CronApi
{
    private const int MaxCount = 50;

    public static RouteGroupBuilder MapCronApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cron").WithTags("Schedules");
        group.MapPost("/preview", Preview).WithSummary("The next fire times of a cron schedule in a time zone (problems as for a trigger)");
        return group;
    }

    private static Results<Ok<CronPreview>, ProblemHttpResult> Preview(CronPreviewRequest request, TimeProvider clock)
    {
        var problems = new List<DefinitionProblem>();
        CronSchedules.Check(request.Schedule, request.TimeZone, "$", problems);
        var count = request.Count ?? 5;
        if (count is < 1 or > MaxCount)
        {
            problems.Add(new("$.count", $"count must be 1 to {MaxCount}; it is {count}"));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.Invalid("the schedule is not valid", problems);
        }

        var expression = CronSchedules.Parse(request.Schedule!);
        var zone = CronSchedules.FindZone(request.TimeZone)!;
        var times = new List<DateTimeOffset>(count);
        for (var next = expression.GetNextOccurrence(clock.GetUtcNow(), zone); next is { } due && times.Count < count; next = expression.GetNextOccurrence(due, zone))
        {
            times.Add(due);
        }

        return TypedResults.Ok(new CronPreview(zone.Id, times));
    }
}
