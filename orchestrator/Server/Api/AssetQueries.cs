using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Orchestrator.Api;

/// <summary>What the asset endpoints check alike: that the asset exists, that a day is a day, and their 400s and 404s.</summary>
internal static class AssetQueries
{
    /// <summary>Null when the catalog has the asset; else the 404 to answer.</summary>
    public static async Task<ProblemHttpResult?> FindAsync(string asset, IAssetStore assets, CancellationToken cancellationToken) =>
        AssetNames.IsValid(asset) && await assets.GetAssetAsync(asset, cancellationToken) is not null ? null : UnknownAsset(asset);

    public static ProblemHttpResult UnknownAsset(string asset) => ApiProblems.NotFound($"no asset '{asset}'");

    public static bool IsDay(string value) => value.Length == 10 && AssetLayout.Day(value) is not null;

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}
