using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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
public sealed record MaterializeRequest(IReadOnlyList<string>? Partitions, string? From, string? To, string? Workflow);

/// <summary>The run started: its id, its workflow, and how many day partitions it fans out over.</summary>
public sealed record MaterializeView(string RunId, string Workflow, int Partitions);

/// <summary>
/// <c>POST /api/assets/{asset}/materialize</c>: starts the run of the workflow whose <c>materialize</c> trigger names
/// the asset, its trigger input set to the days asked for; the workflow's partitioned step fans out over them (one
/// run, not one per day), its <c>order</c> and <c>maxParallel</c> deciding the order and the concurrency.
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
        string asset, MaterializeRequest? request, ClaimsPrincipal user, ScheduleCatalog catalog, RunLauncher launcher, CancellationToken cancellationToken)
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

        var triggers = await catalog.MaterializeTriggersAsync(asset, cancellationToken);
        var chosen = request!.Workflow is { } wanted ? triggers.Where(t => t.Definition.Id == wanted).ToList() : triggers;
        if (chosen.Count != 1)
        {
            return ApiProblems.Conflict(chosen.Count == 0
                ? $"no published workflow{(request.Workflow is null ? "" : $" '{request.Workflow}'")} materializes asset '{asset}': give one a trigger {{\"type\": \"materialize\", \"asset\": \"{asset}\", \"input\": \"<a string input>\"}} and a step with \"partitions\": {{\"keys\": \"${{{{ inputs.<that input> }}}}\"}}"
                : $"workflows {string.Join(", ", chosen.Select(t => t.Definition.Id))} all materialize asset '{asset}': say which with 'workflow'");
        }

        var (definition, trigger) = chosen[0];
        var inputs = new Dictionary<string, string>(trigger.Inputs, StringComparer.Ordinal) { [trigger.Input!] = string.Join(',', days) };
        try
        {
            var run = await launcher.LaunchAsync(
                new LaunchRequest { WorkflowId = definition.Id, Inputs = inputs, TriggeredBy = "materialize", StartedBy = user.UserName() }, cancellationToken);
            return run is null
                ? ApiProblems.Conflict("the run was already created")
                : TypedResults.Accepted($"/api/runs/{run.Id}", new MaterializeView(run.Id, definition.Id, days.Count));
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
