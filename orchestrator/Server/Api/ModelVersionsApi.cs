using System.Security.Claims;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Models;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// One model's versions in detail: metadata, the model file, the production history, promoting or rolling back
/// (editors, with a required reason; recorded with who and when), and two versions compared.
/// </summary>
internal static class ModelVersionsApi
{
    public static void MapModelVersionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/models/{name}").WithTags("Models");
        group.MapGet("/versions/{version:int}", Version).WithSummary("One version's metadata and promotion state");
        group.MapGet("/versions/{version:int}/scored", ScoredAsync).Produces<ScoredPartitionsView>()
            .WithSummary("The asset partitions this version scored (their current content read its model file), newest day first");
        group.MapGet("/versions/{version:int}/model", Download).WithSummary("The version's model file (its checksum verified first)");
        group.MapGet("/production/history", History).WithSummary("Every promotion, oldest first: version, when, why, by whom");
        group.MapPost("/production", Promote).RequireAuthorization(AuthPolicies.Editor).WithSummary("Make a version the production one");
        group.MapPost("/rollback", Rollback).RequireAuthorization(AuthPolicies.Editor).WithSummary("Make the previous production version production again");
        group.MapGet("/compare", Compare).WithSummary("Two versions side by side: quality and its change, cluster sizes, centroid shift");
    }

    private static IResult Version(string name, int version, ModelRegistries registries) =>
        With(registries, name, registry => TypedResults.Ok(ModelVersionView.Of(registry.Metadata(version), registry.Production())));

    private static async Task<IResult> ScoredAsync(string name, int version, int? limit, ModelRegistries registries, IAssetStore assets, CancellationToken cancellationToken)
    {
        ModelVersion? metadata = null;
        var problem = With(registries, name, registry =>
        {
            metadata = registry.Metadata(version);
            return Results.Empty;
        });
        if (metadata is null)
        {
            return problem;
        }

        var sha = metadata.Model?.Sha256;
        var readers = sha is null ? new FileReaders([], 0) : await assets.ReadersOfFileAsync(sha, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken);
        return TypedResults.Ok(new ScoredPartitionsView(name, version, sha, readers.Total, [.. readers.Partitions.Select(AssetPartitionView.Of)]));
    }

    private static IResult Download(string name, int version, ModelRegistries registries) => With(registries, name, registry =>
    {
        var (_, model) = registry.Load(version);
        return TypedResults.File(model, "application/zip", $"{name}-v{version}.zip");
    });

    private static IResult History(string name, ModelRegistries registries) =>
        With(registries, name, registry => TypedResults.Ok(registry.History().ToList()));

    private static IResult Promote(string name, PromoteRequest request, ClaimsPrincipal user, ModelRegistries registries, OnlineModels models) => With(registries, name, registry =>
    {
        if (request.Version is not { } version)
        {
            return ApiProblems.InvalidField("version", "the version to promote is required");
        }

        if (MissingReason(request.Reason) is { } refused)
        {
            return refused;
        }

        // Loaded before it becomes production, so the first prediction after the switch does not wait for it.
        models.Warm(name, version);
        return TypedResults.Ok(registry.Promote(version, request.Reason!.Trim(), user.UserName()));
    });

    private static IResult Rollback(string name, RollbackRequest? request, ClaimsPrincipal user, ModelRegistries registries, OnlineModels models) => With(registries, name, registry =>
    {
        if (MissingReason(request?.Reason) is { } refused)
        {
            return refused;
        }

        var current = registry.Production();
        var previous = registry.History().Reverse().Select(p => p.Version).FirstOrDefault(v => v != current?.Version);
        if (current is null || previous == 0)
        {
            return ApiProblems.Conflict($"model '{name}' has no earlier production version to roll back to");
        }

        models.Warm(name, previous);
        return TypedResults.Ok(registry.Promote(previous, request!.Reason!.Trim(), user.UserName()));
    });

    /// <summary>
    /// Production changes say why, as a deploy would: the reason goes into the promotion history beside who and
    /// when, so a blank one is refused (422 on the field) rather than recorded as a made-up one.
    /// </summary>
    private static IResult? MissingReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? ApiProblems.InvalidField("reason", "say why production changes; the reason is kept in the promotion history") : null;

    private static IResult Compare(string name, int a, int b, ModelRegistries registries) =>
        With(registries, name, registry => TypedResults.Ok(ModelComparison.Of(registry.Metadata(a), registry.Metadata(b))));

    /// <summary>The registry's answer, a 404 naming what is missing, or a 500 naming the registry file that does not parse.</summary>
    internal static IResult With(ModelRegistries registries, string name, Func<ModelRegistry, IResult> work)
    {
        if (registries.Find(name) is not { } registry)
        {
            return ApiProblems.NotFound($"no model '{name}'; known: {string.Join(", ", registries.Names)}");
        }

        try
        {
            return work(registry);
        }
        catch (StepException e) when (e.ExitCode == StepExitCodes.NoInput)
        {
            return ApiProblems.NotFound(e.Message);
        }
        catch (StepException e)
        {
            return ModelsApi.Unreadable(e);
        }
    }
}
