using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Models;
using Pipeline.Steps.Formats;

namespace Pipeline.Orchestrator.Api;

/// <summary>The model registries: each model's versions with their quality, cluster sizes and promotion state.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/models").WithTags("Models");
        group.MapGet("/", List).WithSummary("Every model (registry) with its production version and how many versions it has");
        group.MapGet("/{name}/versions", Versions).WithSummary("A model's versions, newest first, with metadata and promotion state");
        return group;
    }

    private static Results<Ok<List<ModelSummary>>, ProblemHttpResult> List(ModelRegistries registries)
    {
        try
        {
            return TypedResults.Ok(registries.Names.Select(name =>
            {
                var registry = registries.Find(name)!;
                return new ModelSummary(name, registry.Root, registry.Production()?.Version, registry.Versions().Count);
            }).ToList());
        }
        catch (StepException e)
        {
            return Unreadable(e);
        }
    }

    private static Results<Ok<List<ModelVersionView>>, ProblemHttpResult> Versions(string name, ModelRegistries registries)
    {
        if (registries.Find(name) is not { } registry)
        {
            return ApiProblems.NotFound($"no model '{name}'; known: {string.Join(", ", registries.Names)}");
        }

        try
        {
            var production = registry.Production();
            return TypedResults.Ok(registry.Versions().Reverse()
                .Select(v => ModelVersionView.Of(registry.Metadata(v), production))
                .ToList());
        }
        catch (StepException e)
        {
            return Unreadable(e);
        }
    }

    /// <summary>A registry file that does not parse is the server's data problem, named with its place.</summary>
    public static ProblemHttpResult Unreadable(StepException e) =>
        TypedResults.Problem($"{e.Location?.ToString() ?? "the registry"}: {e.Message}", statusCode: StatusCodes.Status500InternalServerError, title: "Unreadable model registry");
}
