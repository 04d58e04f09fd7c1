using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.Http;

namespace Pipeline.Orchestrator.Api;

/// <summary>Days of an asset asked for by name (a backfill): one run of the workflow that materializes it, fanning out over them.</summary>
/// <param name="Partitions">Days, <c>yyyy-MM-dd</c> (or ranges <c>from..to</c>).</param>
/// <param name="From">With <paramref name="To"/>: every day from this one...</param>
/// <param name="To">...to this one, inclusive.</param>
/// <param name="Workflow">The workflow to run, when several materialize the asset.</param>
/// <param name="Upstream">
/// Also make the days missing from the assets that workflow reads, first (each by the workflow materializing it);
/// without it, a day whose input is missing fails alone, naming what it lacks.
/// </param>
public sealed record MaterializeRequest(IReadOnlyList<string>? Partitions, string? From, string? To, string? Workflow, bool? Upstream);

/// <summary>
/// The run started: its id, its workflow, how many day partitions it fans out over, and the runs making its missing
/// upstream days that it waits for (in the order they run).
/// </summary>
public sealed record MaterializeView(string RunId, string Workflow, int Partitions, IReadOnlyList<UpstreamRunView> Upstream);

/// <summary>A run a backfill waits for: it makes <paramref name="Partitions"/> missing days of <paramref name="Asset"/>.</summary>
public sealed record UpstreamRunView(string Asset, string RunId, string Workflow, int Partitions);

/// <summary>
/// <c>POST /api/assets/{asset}/materialize</c>: starts the run of the workflow whose <c>materialize</c> trigger names
/// the asset, its trigger input set to the days asked for; the workflow's partitioned step fans out over them (one
/// run, not one per day), its <c>order</c> and <c>maxParallel</c> deciding the order and the concurrency. With
/// <c>upstream</c>, the runs making the days its inputs lack come first (<see cref="MaterializePlanner"/>).
/// </summary>
internal static class AssetMaterializeApi
{
    public static RouteHandlerBuilder MapAssetMaterializeApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/assets/{asset}/materialize", MaterializeAsync)
            .WithTags("Assets")
            .WithSummary("Materialize days of an asset (a backfill): one run of the workflow whose materialize trigger names it, fanning out over the days")
            .RequireAuthorization(AuthPolicies.Operator)
            .LimitTriggers();

    private static async Task<Results<Accepted<MaterializeView>, ProblemHttpResult>> MaterializeAsync(
        string asset, MaterializeRequest? request, ClaimsPrincipal user, ScheduleCatalog catalog, IAssetStore assets, RunLauncher launcher, CancellationToken cancellationToken)
    {
        if (!AssetNames.IsValid(asset))
        {
            return ApiProblems.NotFound($"'{asset}' is not an asset name ({AssetNames.Rule})");
        }

        var text = Keys(request);
        if (text is null)
        {
            return TypedResults.Problem("give 'partitions' (days, yyyy-MM-dd) or 'from' and 'to'", statusCode: StatusCodes.Status400BadRequest);
        }

        if (PartitionKeyList.Parse(text, out var error) is not { Count: > 0 } days)
        {
            return TypedResults.Problem($"partitions: {error ?? "no day given"}", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var plan = await MaterializePlanner.PlanAsync(asset, days, request!.Workflow, request.Upstream == true, catalog, assets, cancellationToken);
            var prepared = await launcher.PrepareAsync(
                [.. plan.Select(r => new LaunchRequest
                {
                    WorkflowId = r.Definition.Id,
                    Inputs = new Dictionary<string, string>(r.Trigger.Inputs, StringComparer.Ordinal) { [r.Trigger.Input!] = string.Join(',', r.Days) },
                    TriggeredBy = "materialize",
                    StartedBy = user.UserName(),
                })],
                cancellationToken);
            // One transaction: the backfill and the runs making its missing upstream days exist together or not at all.
            var runs = await launcher.LaunchAsync(prepared.Chained(), cancellationToken);
            var upstream = plan.Take(plan.Count - 1).Select((r, i) => new UpstreamRunView(r.Asset, runs[i]!.Id, r.Definition.Id, r.Days.Count)).ToList();
            return TypedResults.Accepted($"/api/runs/{runs[^1]!.Id}", new MaterializeView(runs[^1]!.Id, plan[^1].Definition.Id, days.Count, upstream));
        }
        catch (MaterializeRefusedException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.Status);
        }
        catch (LaunchRefusedException e)
        {
            return ApiProblems.Refused(e);
        }
    }

    /// <summary>The days asked for as a partitioned step's keys read them; null when neither form is given.</summary>
    private static string? Keys(MaterializeRequest? request) => request switch
    {
        { Partitions: { Count: > 0 } partitions } => string.Join(',', partitions),
        { From: { } from, To: { } to } => $"{from}..{to}",
        _ => null,
    };
}
