using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Orchestrator.Models;

namespace Pipeline.Orchestrator.Api;

/// <summary>The partition catalog: assets, their partitions page by page, a partition's history and lineage, verifying against the disk.</summary>
internal static class AssetsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/assets").WithTags("Assets");
        group.MapGet("/", ListAsync).WithSummary("Every asset with its partitions counted by state, its newest materialized partition and freshness");
        group.MapGet("/{asset}/partitions", PartitionsAsync).WithSummary("An asset's partitions, newest day first, by state and day range, with keyset paging");
        group.MapGet("/{asset}/partitions/{key}", PartitionAsync).WithSummary("A partition: its current materialization, history, upstream and downstream lineage, and the model versions trained on it");
        group.MapPost("/{asset}/verify", VerifyAsync).WithSummary("Hash every partition's folder again; vanished or changed ones become missing")
            .RequireAuthorization(Auth.AuthPolicies.Editor);
        return group.MapAssetViews();
    }

    private static async Task<Ok<List<AssetSummaryView>>> ListAsync(IAssetStore assets, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return TypedResults.Ok((await assets.SummariesAsync(cancellationToken)).Select(s => AssetSummaryView.Of(s, now)).ToList());
    }

    private static async Task<Results<Ok<PartitionListView>, ProblemHttpResult>> PartitionsAsync(
        string asset, string? state, string? from, string? to, string? after, int? limit, IAssetStore assets, CancellationToken cancellationToken)
    {
        if (state is not null && !PartitionStates.All.Contains(state))
        {
            return BadRequest($"state '{state}' is not one of {string.Join(", ", PartitionStates.All)}");
        }

        foreach (var (name, value) in new[] { ("from", from), ("to", to), ("after", after) })
        {
            if (value is not null && !IsDay(value))
            {
                return BadRequest($"{name} '{value}' is not a day (yyyy-MM-dd)");
            }
        }

        if (limit is < 1 or > MaxLimit)
        {
            return BadRequest($"limit {limit} is not between 1 and {MaxLimit}");
        }

        if (await FindAsync(asset, assets, cancellationToken) is { } missing)
        {
            return missing;
        }

        var page = await assets.ListPartitionsAsync(new PartitionQuery(asset, state, from, to, after, limit ?? DefaultLimit), cancellationToken);
        return TypedResults.Ok(new PartitionListView(asset, [.. page.Partitions.Select(PartitionItemView.Of)], page.NextAfter));
    }

    private static async Task<Results<Ok<PartitionDetailView>, ProblemHttpResult>> PartitionAsync(
        string asset, string key, IAssetStore assets, ModelsTrainedOn trainedOn, CancellationToken cancellationToken)
    {
        if (await FindAsync(asset, assets, cancellationToken) is { } missing)
        {
            return missing;
        }

        var reference = new PartitionRef(asset, key);
        if (await assets.GetPartitionAsync(reference, cancellationToken) is not { } partition)
        {
            return ApiProblems.NotFound($"asset '{asset}' has no partition '{key}'");
        }

        var history = await assets.HistoryAsync(reference, cancellationToken);
        var upstream = partition.Current is { } current ? await assets.UpstreamAsync(current.Id, cancellationToken) : [];
        var downstream = partition.Current is { } made ? await assets.DownstreamAsync(made.Id, cancellationToken) : [];
        var models = new List<TrainedModelView>();
        foreach (var model in trainedOn.Find(asset, key, partition.Current?.ContentSha256))
        {
            var scored = model.ModelSha256 is { } sha ? await assets.ReadersOfFileAsync(sha, TrainedModelView.ScoredShown, cancellationToken) : new FileReaders([], 0);
            models.Add(TrainedModelView.Of(model, scored));
        }

        return TypedResults.Ok(new PartitionDetailView(
            asset,
            PartitionItemView.Of(partition),
            [.. history.Select(MaterializationView.Of)],
            [.. upstream.Select(LineageInputView.Of)],
            [.. downstream.Select(MaterializationView.Of)])
        {
            Models = models,
        });
    }

    private static async Task<Results<Ok<VerifyView>, ProblemHttpResult>> VerifyAsync(string asset, AssetVerifier verifier, CancellationToken cancellationToken)
    {
        if (!AssetNames.IsValid(asset))
        {
            return UnknownAsset(asset);
        }

        try
        {
            return await verifier.VerifyAsync(asset, cancellationToken) is { } counts
                ? TypedResults.Ok(new VerifyView(asset, counts.Checked, counts.Unchanged, counts.Vanished, counts.Changed))
                : UnknownAsset(asset);
        }
        catch (InvalidOperationException e)
        {
            return ApiProblems.Conflict(e.Message);
        }
    }

    private static Task<ProblemHttpResult?> FindAsync(string asset, IAssetStore assets, CancellationToken cancellationToken) =>
        AssetQueries.FindAsync(asset, assets, cancellationToken);

    private static ProblemHttpResult UnknownAsset(string asset) => AssetQueries.UnknownAsset(asset);

    private static bool IsDay(string value) => AssetQueries.IsDay(value);

    private static ProblemHttpResult BadRequest(string detail) => AssetQueries.BadRequest(detail);
}
