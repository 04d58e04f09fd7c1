using System.Globalization;
using Pipeline.Orchestrator.Models;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// A model's experiments: the training runs recorded with the versions they registered, listed, read one by one with
/// every candidate, and compared two at a time. Versions registered before runs were recorded have none.
/// </summary>
internal static class ExperimentsApi
{
    public static void MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/models/{name}").WithTags("Models");
        group.MapGet("/experiments", List).WithSummary("Training runs, newest first: parameters, headline metrics, the chosen candidate, version, promotion, run");
        group.MapGet("/experiments/compare", Compare).WithSummary("Two training runs side by side: parameters that differ, metric changes, candidates paired by k");
        group.MapGet("/experiments/{version}", Get).WithSummary("One training run with every candidate it compared");
    }

    private static IResult List(
        string name, string? before, string? k, string? promoted, string? runId, int? limit, ModelRegistries registries) => ModelVersionsApi.With(registries, name, registry =>
    {
        if (!TryVersion(before, out var below))
        {
            return ApiProblems.InvalidField("before", "must be a version number");
        }

        if (!TryVersion(k, out var chosenK))
        {
            return ApiProblems.InvalidField("k", "must be a whole number");
        }

        bool? wasPromoted = null;
        if (promoted is not null)
        {
            if (!bool.TryParse(promoted, out var parsed))
            {
                return ApiProblems.InvalidField("promoted", "must be true or false");
            }

            wasPromoted = parsed;
        }

        var size = Math.Clamp(limit ?? 50, 1, 500);
        var production = registry.Production();
        var page = registry.Versions().Reverse()
            .Where(v => below is null || v < below)
            .Select(v => ExperimentView.Of(registry.Metadata(v), production))
            .OfType<ExperimentView>()
            .Where(e => wasPromoted is null || e.Promotion.Promoted == wasPromoted)
            .Where(e => runId is null || string.Equals(e.Run?.RunId, runId, StringComparison.Ordinal))
            .Select(ExperimentSummary.Of)
            .Where(e => chosenK is null || e.Chosen?.K == chosenK)
            .Take(size + 1)
            .ToList();
        var next = page.Count > size ? page[size - 1].Version : (int?)null;
        return TypedResults.Ok(new ExperimentListView([.. page.Take(size)], next));
    });

    private static IResult Get(string name, string version, ModelRegistries registries) => ModelVersionsApi.With(registries, name, registry =>
    {
        var (view, problem) = Load(registry, version, "version", registry.Production());
        return problem ?? TypedResults.Ok(view);
    });

    private static IResult Compare(string name, string? a, string? b, ModelRegistries registries) => ModelVersionsApi.With(registries, name, registry =>
    {
        var production = registry.Production();
        var (left, problem) = Load(registry, a, "a", production);
        if (problem is not null)
        {
            return problem;
        }

        var (right, otherProblem) = Load(registry, b, "b", production);
        return otherProblem ?? TypedResults.Ok(ExperimentComparison.Of(left!, right!));
    });

    /// <summary>The training run of the version in <paramref name="field"/>, or a 422/404 naming the field.</summary>
    private static (ExperimentView? View, IResult? Problem) Load(ModelRegistry registry, string? text, string field, ProductionPointer? production)
    {
        if (!TryVersion(text, out var number) || number is not { } version)
        {
            return (null, ApiProblems.InvalidField(field, "the version of a training run is required, as a number"));
        }

        if (!registry.Versions().Contains(version))
        {
            return (null, ApiProblems.NotFound($"{field}: the model has no version {version}"));
        }

        return ExperimentView.Of(registry.Metadata(version), production) is { } view
            ? (view, null)
            : (null, ApiProblems.NotFound($"{field}: version {version} was registered before training runs were recorded, so it has no experiment"));
    }

    /// <summary>Absent is fine (null); present must be a positive whole number.</summary>
    private static bool TryVersion(string? text, out int? version)
    {
        version = null;
        if (text is null)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return false;
        }

        version = number;
        return true;
    }
}
