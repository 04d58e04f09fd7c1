using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Orchestrator.Engine.Scheduling;

namespace Pipeline.Orchestrator.Api;

/// <summary>One run of a backfill: the workflow that materializes <see cref="Asset"/>, over <see cref="Days"/>.</summary>
internal sealed record MaterializeRun(string Asset, WorkflowDefinition Definition, TriggerDefinition Trigger, IReadOnlyList<string> Days);

/// <summary>Why a backfill cannot be planned, with the HTTP status that says so.</summary>
internal sealed class MaterializeRefusedException(string message, int status) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// The runs that make days of an asset asked for by name. Without upstream: one run of the workflow whose
/// materialize trigger names the asset. With upstream (Dagster's "materialize with upstream"): before it, for each
/// asset that workflow's steps read (<c>${{ assets.&lt;name&gt; }}</c>) lacking some of those days, a run of the
/// workflow materializing that asset over exactly the days it lacks, itself preceded by its own upstream; deepest
/// first, so that stored as a chain (<see cref="Engine.Launching.PreparedRuns.Chained"/>) each runs after what it reads.
/// </summary>
internal static class MaterializePlanner
{
    private const int DaysNamed = 5;

    public static async Task<IReadOnlyList<MaterializeRun>> PlanAsync(
        string asset, IReadOnlyList<string> days, string? workflow, bool withUpstream, ScheduleCatalog catalog, IAssetStore assets, CancellationToken cancellationToken)
    {
        var plan = new List<MaterializeRun>();
        await AddAsync(asset, days, workflow, downstream: null, withUpstream, [asset], plan, catalog, assets, cancellationToken);
        return plan;
    }

    private static async Task AddAsync(
        string asset, IReadOnlyList<string> days, string? workflow, string? downstream, bool withUpstream, HashSet<string> chain,
        List<MaterializeRun> plan, ScheduleCatalog catalog, IAssetStore assets, CancellationToken cancellationToken)
    {
        var (definition, trigger) = await ChooseAsync(asset, days, workflow, downstream, catalog, cancellationToken);
        if (withUpstream)
        {
            // Only this asset's chain is excluded: a cycle (a reads b, b reads a) ends rather than recursing forever.
            foreach (var upstream in ReadAssets(definition).Where(a => !chain.Contains(a)))
            {
                var missing = await MissingDaysAsync(upstream, days, assets, cancellationToken);
                if (missing.Count > 0)
                {
                    await AddAsync(upstream, missing, null, asset, withUpstream, [.. chain, upstream], plan, catalog, assets, cancellationToken);
                }
            }
        }

        plan.Add(new MaterializeRun(asset, definition, trigger, days));
    }

    private static async Task<(WorkflowDefinition, TriggerDefinition)> ChooseAsync(
        string asset, IReadOnlyList<string> days, string? workflow, string? downstream, ScheduleCatalog catalog, CancellationToken cancellationToken)
    {
        var triggers = await catalog.MaterializeTriggersAsync(asset, cancellationToken);
        var chosen = workflow is null ? triggers : [.. triggers.Where(t => t.Definition.Id == workflow)];
        if (chosen.Count == 1)
        {
            return chosen[0];
        }

        if (downstream is not null)
        {
            var lacking = $"asset '{downstream}' reads asset '{asset}', which lacks {Describe(days)}";
            throw new MaterializeRefusedException(chosen.Count == 0
                ? $"{lacking}, and no published workflow materializes '{asset}': make those days first, or materialize without upstream (those days then fail, naming what they lack)"
                : $"{lacking}, and workflows {string.Join(", ", chosen.Select(t => t.Definition.Id))} all materialize it: make those days first with one of them", StatusCodes.Status409Conflict);
        }

        throw new MaterializeRefusedException(chosen.Count == 0
            ? $"no published workflow{(workflow is null ? "" : $" '{workflow}'")} materializes asset '{asset}': give one a trigger {{\"type\": \"materialize\", \"asset\": \"{asset}\", \"input\": \"<a string input>\"}} and a step with \"partitions\": {{\"keys\": \"${{{{ inputs.<that input> }}}}\"}}"
            : $"workflows {string.Join(", ", chosen.Select(t => t.Definition.Id))} all materialize asset '{asset}': say which with 'workflow'", StatusCodes.Status409Conflict);
    }

    /// <summary>The assets a workflow's steps name in their arguments or environment, in name order.</summary>
    private static IEnumerable<string> ReadAssets(WorkflowDefinition definition) =>
        definition.Steps.SelectMany(StepAssets.Names).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>
    /// The days the upstream asset has no data for: never made, failed, or found missing. A stale day has data (made
    /// from inputs that changed since); making it again is what an eager run does, not what "missing" asks for.
    /// </summary>
    private static async Task<List<string>> MissingDaysAsync(string asset, IReadOnlyList<string> days, IAssetStore assets, CancellationToken cancellationToken)
    {
        var states = await assets.StatesAsync(asset, days[0], days[^1], cancellationToken);
        var present = new HashSet<int>();
        for (var i = 0; i < states.Days.Count; i++)
        {
            if (states.States[i] is PartitionStates.Materialized or PartitionStates.Stale)
            {
                present.Add(states.Days[i]);
            }
        }

        return [.. days.Where(d => !present.Contains(PartitionStateList.DayNumber(d)!.Value))];
    }

    private static string Describe(IReadOnlyList<string> days) =>
        days.Count == 1 ? $"day {days[0]}"
        : $"{days.Count} days ({string.Join(", ", days.Take(DaysNamed))}{(days.Count > DaysNamed ? ", ..." : "")})";
}
