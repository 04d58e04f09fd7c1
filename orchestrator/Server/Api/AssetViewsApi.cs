using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Orchestrator.Api;

/// <summary>What the UI's Assets page draws: an asset's partitions as a calendar, a partition's first rows, the asset graph.</summary>
internal static class AssetViewsApi
{
    public const int DefaultPreviewLimit = 20;
    public const int MaxPreviewLimit = 200;
    public const int DefaultSensorsLimit = 100;
    public const int MaxSensorsLimit = 5000;

    public static RouteGroupBuilder MapAssetViews(this RouteGroupBuilder group)
    {
        group.MapGet("/graph", GraphAsync).WithSummary("Every asset and the steps that made partitions of one asset from partitions of another");
        group.MapGet("/{asset}/grid", GridAsync).WithSummary("Every partition's state in a day range, run-length encoded for a calendar, with counts by state");
        group.MapGet("/{asset}/partitions/{key}/preview", PreviewAsync).WithSummary("The first rows of a partition's Parquet files");
        group.MapGet("/{asset}/sensors", SensorsAsync).WithSummary("The asset's sensors: one row each with its attributes (location, coordinates, type) and first and last day seen");
        return group;
    }

    private static async Task<Results<Ok<PartitionGridView>, ProblemHttpResult>> GridAsync(
        string asset, string? from, string? to, IAssetStore assets, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
        {
            if (value is not null && !AssetQueries.IsDay(value))
            {
                return AssetQueries.BadRequest($"{name} '{value}' is not a day (yyyy-MM-dd)");
            }
        }

        if (from is not null && to is not null && string.CompareOrdinal(from, to) > 0)
        {
            return AssetQueries.BadRequest($"from '{from}' is after to '{to}'");
        }

        if (await AssetQueries.FindAsync(asset, assets, cancellationToken) is { } missing)
        {
            return missing;
        }

        var states = await assets.StatesAsync(asset, from, to, cancellationToken);
        return TypedResults.Ok(PartitionGridRuns.Encode(asset, from, to, states));
    }

    private static async Task<Results<Ok<PartitionPreviewView>, ProblemHttpResult>> PreviewAsync(
        string asset, string key, int? limit, IAssetStore assets, EngineOptions engine, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPreviewLimit)
        {
            return AssetQueries.BadRequest($"limit {limit} is not between 1 and {MaxPreviewLimit}");
        }

        if (await AssetQueries.FindAsync(asset, assets, cancellationToken) is { } missing)
        {
            return missing;
        }

        // Only a day the catalog knows: the key then names a folder of the form day=yyyy-MM-dd, never a path.
        if (!AssetQueries.IsDay(key) || await assets.GetPartitionAsync(new PartitionRef(asset, key), cancellationToken) is null)
        {
            return ApiProblems.NotFound($"asset '{asset}' has no partition '{key}'");
        }

        var take = limit ?? DefaultPreviewLimit;
        try
        {
            var preview = await PartitionPreviewReader.ReadAsync(AssetLayout.AssetFolder(engine.DataRoot, asset), key, take, cancellationToken);
            return TypedResults.Ok(new PartitionPreviewView(
                asset, key, take, [.. preview.Columns.Select(c => new PreviewColumnView(c.Name, c.Type))], [.. preview.Rows], [.. preview.Files], preview.More));
        }
        catch (PartitionPreviewException e) when (e.NotFound)
        {
            return ApiProblems.NotFound($"asset '{asset}' partition '{key}': {e.Message}");
        }
        catch (PartitionPreviewException e)
        {
            return TypedResults.Problem(
                $"asset '{asset}' partition '{key}': {e.Message}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unreadable partition");
        }
    }

    private static async Task<Results<Ok<SensorTableView>, ProblemHttpResult>> SensorsAsync(
        string asset, int? limit, IAssetStore assets, EngineOptions engine, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxSensorsLimit)
        {
            return AssetQueries.BadRequest($"limit {limit} is not between 1 and {MaxSensorsLimit}");
        }

        if (await AssetQueries.FindAsync(asset, assets, cancellationToken) is { } missing)
        {
            return missing;
        }

        var take = limit ?? DefaultSensorsLimit;
        try
        {
            var table = await PartitionPreviewReader.ReadSensorsAsync(AssetLayout.AssetFolder(engine.DataRoot, asset), take, cancellationToken);
            return TypedResults.Ok(new SensorTableView(asset, take, [.. table.Columns.Select(c => new PreviewColumnView(c.Name, c.Type))], [.. table.Rows], table.More));
        }
        catch (PartitionPreviewException e) when (e.NotFound)
        {
            return ApiProblems.NotFound($"asset '{asset}': {e.Message}");
        }
        catch (PartitionPreviewException e)
        {
            return TypedResults.Problem($"asset '{asset}': {e.Message}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unreadable sensors table");
        }
    }

    private static async Task<Ok<AssetGraphView>> GraphAsync(IAssetStore assets, CancellationToken cancellationToken)
    {
        var links = await assets.LineageLinksAsync(cancellationToken);
        var names = (await assets.ListAssetsAsync(cancellationToken)).Select(a => a.Name)
            .Concat(links.Select(l => l.OutputAsset))
            .Concat(links.Where(l => l.InputAsset is not null).Select(l => l.InputAsset!))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var steps = links
            .GroupBy(l => (l.Workflow, l.StepId))
            .Select(g => new AssetGraphStepView(
                g.Key.Workflow,
                g.Key.StepId,
                [.. g.Where(l => l.InputAsset is not null).Select(l => l.InputAsset!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                [.. g.Select(l => l.OutputAsset).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderBy(s => s.Workflow, StringComparer.Ordinal).ThenBy(s => s.Step, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new AssetGraphView(names, steps));
    }
}
