using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Designer;

namespace Pipeline.Orchestrator.Api;

/// <summary>The designer's palette: the step programs with their options' help, and the template expressions arguments may use.</summary>
internal static class StepTypesApi
{
    private static readonly TemplateHelp[] Templates =
    [
        new("${{ inputs.<name> }}", "a run input: the value the trigger or caller gave, else the input's default"),
        new("${{ step.output }}", "this step's own output folder (runs/<run>/<step> under the data root); steps publish into it"),
        new("${{ steps.<id>.output }}", "the output folder of an upstream step (the step must be in dependsOn)"),
        new("${{ run.id }}", "the run's id"),
        new("${{ run.workflowId }}", "the workflow's id"),
        new("${{ run.logicalDate }}", "the day the run is about, yyyy-MM-dd (a cron run's due day, a backfill's day; else the day it was created)"),
        new("${{ run.logicalTime }}", "the instant the run is about, ISO 8601 in UTC"),
        new("${{ dataRoot }}", "the folder under which the server keeps run data"),
        new("${{ assets.<name> }}", "an asset's folder (assets/<name> under the data root): one day=yyyy-MM-dd folder per partition, shared by every run"),
        new("${{ partition.key }}", "in a partitioned step (one with 'partitions'): the day, yyyy-MM-dd, this partition runs for; its step.output is one folder per day"),
    ];

    public static RouteHandlerBuilder MapStepTypesApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/step-types", ListAsync)
            .WithTags("Workflows")
            .WithSummary("The step programs with their options (from each program's --describe), and the template expressions");

    private static async Task<Ok<StepTypesView>> ListAsync(StepDescriptions descriptions, CancellationToken cancellationToken)
    {
        var programs = (await descriptions.AllAsync(cancellationToken)).Select(d => new StepTypeView(
            d.Program,
            Title(d.Program),
            JsonText.Of(d.Description, "description"),
            JsonText.Of(d.Description, "version"),
            ["--input", "", "--output", "${{ step.output }}"],
            d.Description is { } json && json.TryGetProperty("options", out var options) ? options : null,
            d.Problem)).ToList();
        return TypedResults.Ok(new StepTypesView(programs, Templates));
    }

    /// <summary><c>feature-creator</c> → <c>Feature creator</c>.</summary>
    private static string Title(string program) =>
        CultureInfo.InvariantCulture.TextInfo.ToUpper(program[0]) + program[1..].Replace('-', ' ');
}
