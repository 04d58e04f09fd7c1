using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Definitions.Serialization;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Api;

/// <summary>A workflow's run history as a grid of runs by steps, page by page.</summary>
internal static partial class WorkflowGridApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapWorkflowGridApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Runs");
        group.MapGet("/{workflowId}/grid", GridAsync)
            .WithSummary("A workflow's runs (newest first, keyset-paged by run id) with every step's state in each: the grid view");
        return group;
    }

    private static async Task<Results<Ok<WorkflowGridView>, ProblemHttpResult>> GridAsync(
        string workflowId, int? limit, string? before, string? after, IWorkflowStore workflows, IRunStore runs, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return BadRequest($"limit {limit} is not between 1 and {MaxLimit}");
        }

        if (before is not null && after is not null)
        {
            return BadRequest("give before (older runs) or after (newer runs), not both");
        }

        foreach (var (name, value) in new[] { ("before", before), ("after", after) })
        {
            if (value is not null && !RunId().IsMatch(value))
            {
                return BadRequest($"{name} '{value}' is not a run id (such as 20260105T061500123-0a1b2c3d)");
            }
        }

        if (await workflows.GetAsync(workflowId, cancellationToken) is not { } workflow)
        {
            return ApiProblems.NotFound($"no workflow '{workflowId}'");
        }

        var latest = workflow.LatestVersion is null ? null : await workflows.GetVersionAsync(workflowId, null, cancellationToken);
        var definition = latest is null ? null : WorkflowDefinitionReader.Read(latest.DefinitionJson).Definition;
        var page = await runs.GetRunGridAsync(
            new RunGridQuery { WorkflowId = workflowId, Before = before, After = after, Limit = limit ?? DefaultLimit }, cancellationToken);
        var steps = GridStepOrder.Of(definition, page.Runs, page.StepRuns);
        var row = steps.Select((s, i) => (s.Id, i)).ToDictionary(s => s.Id, s => s.i, StringComparer.Ordinal);
        var byRun = page.StepRuns.ToLookup(s => s.RunId, StringComparer.Ordinal);
        var columns = page.Runs.Select(run =>
        {
            var cells = new GridCellView?[steps.Count];
            foreach (var step in byRun[run.Id])
            {
                cells[row[step.StepId]] = Cell(step);
            }

            return new GridRunView(
                run.Id, StateNames.Of(run.State), run.TriggeredBy, run.StartedBy, run.WorkflowVersion, run.LogicalDate,
                run.CreatedAt, run.StartedAt, run.FinishedAt, cells);
        }).ToList();
        return TypedResults.Ok(new WorkflowGridView(
            workflowId, workflow.LatestVersion, steps, columns,
            page.HasOlder ? columns[^1].Id : null,
            page.HasNewer ? columns[0].Id : null));
    }

    private static GridCellView Cell(GridStepRun step) => new(
        StateNames.Of(step.State),
        step.Attempts,
        step.StartedAt,
        step.StartedAt is { } started && step.FinishedAt is { } finished ? (long)(finished - started).TotalMilliseconds : null,
        step.State == StepState.Failed && step.ExitCode == StepExitCodes.GateBlocked);

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    // RunIds.New: creation time to the millisecond, a dash, 4 random bytes in hex.
    [GeneratedRegex("^[0-9]{8}T[0-9]{9}-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunId();
}
