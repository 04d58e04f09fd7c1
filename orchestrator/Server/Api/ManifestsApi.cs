using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Engine.Telemetry;

namespace Pipeline.Orchestrator.Api;

/// <summary>A step's <c>_manifest.json</c> (outputs, shapes, memory, timings), as the step wrote it into its output folder.</summary>
internal static class ManifestsApi
{
    public static RouteHandlerBuilder MapManifestsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/runs/{runId}/steps/{stepId}/manifest", GetAsync)
            .WithTags("Runs")
            .WithSummary("The manifest the step's latest attempt wrote: its outputs, data-frame shapes, memory and timings")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string runId, string stepId, IRunStore runs, CancellationToken cancellationToken)
    {
        var step = (await runs.GetStepRunsAsync(runId, cancellationToken)).FirstOrDefault(s => s.StepId == stepId);
        if (step is null)
        {
            return ApiProblems.NotFound($"run '{runId}' has no step '{stepId}'");
        }

        var path = Path.Combine(step.Spec.OutputFolder, ManifestObservations.FileName);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Not every step writes one: a command step need not follow the step contract, and a step not yet run has none.
            return ApiProblems.NotFound($"step '{stepId}' of run '{runId}' has no manifest ({path})");
        }

        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem($"{path} is not valid JSON: {e.Message}", statusCode: StatusCodes.Status500InternalServerError, title: "Unreadable manifest");
        }

        return TypedResults.Content(json, "application/json");
    }
}
