using System.Collections.Concurrent;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Serialization;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Engine.Scheduling;

/// <summary>The cron, HTTP, dataset and materialize triggers of every workflow's latest published version.</summary>
public sealed class ScheduleCatalog(IWorkflowStore workflows)
{
    private readonly ConcurrentDictionary<(string WorkflowId, int Version), (WorkflowDefinition? Definition, DateTimeOffset PublishedAt)> _versions = new();

    public async Task<IReadOnlyList<CronTrigger>> CronTriggersAsync(CancellationToken cancellationToken) =>
        [.. (await PublishedAsync(cancellationToken)).SelectMany(p => p.Definition.Triggers
            .Select((t, i) => (t, i))
            .Where(x => x.t.Type == TriggerTypes.Cron)
            .Select(x => CronTrigger.Parse(p.Definition.Id, p.Version, x.i, x.t, p.PublishedAt)))];

    /// <summary>The workflow and trigger serving an HTTP hook path, if any.</summary>
    public async Task<(WorkflowDefinition Definition, TriggerDefinition Trigger)?> HttpTriggerAsync(string path, CancellationToken cancellationToken)
    {
        foreach (var p in await PublishedAsync(cancellationToken))
        {
            if (p.Definition.Triggers.FirstOrDefault(t => t.Type == TriggerTypes.Http && string.Equals(t.Path?.Trim('/'), path.Trim('/'), StringComparison.Ordinal)) is { } trigger)
            {
                return (p.Definition, trigger);
            }
        }

        return null;
    }

    /// <summary>
    /// Each published workflow's first dataset trigger whose pattern matches <paramref name="datasetName"/>: one
    /// run per workflow, however many of its triggers match.
    /// </summary>
    public async Task<IReadOnlyList<(WorkflowDefinition Definition, TriggerDefinition Trigger)>> DatasetTriggersAsync(string datasetName, CancellationToken cancellationToken) =>
        [.. (await PublishedAsync(cancellationToken))
            .Select(p => (p.Definition, Trigger: p.Definition.Triggers.FirstOrDefault(t => t.Type == TriggerTypes.Dataset
                && (t.Pattern is null || System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(t.Pattern, datasetName, ignoreCase: true)))))
            .Where(p => p.Trigger is not null)
            .Select(p => (p.Definition, p.Trigger!))];

    /// <summary>Each published workflow's first materialize trigger for <paramref name="asset"/>, by workflow id.</summary>
    public async Task<IReadOnlyList<(WorkflowDefinition Definition, TriggerDefinition Trigger)>> MaterializeTriggersAsync(string asset, CancellationToken cancellationToken) =>
        [.. (await PublishedAsync(cancellationToken))
            .Select(p => (p.Definition, Trigger: p.Definition.Triggers.FirstOrDefault(t => t.Type == TriggerTypes.Materialize && t.Asset == asset)))
            .Where(p => p.Trigger is not null)
            .Select(p => (p.Definition, p.Trigger!))
            .OrderBy(p => p.Definition.Id, StringComparer.Ordinal)];

    private async Task<List<(WorkflowDefinition Definition, int Version, DateTimeOffset PublishedAt)>> PublishedAsync(CancellationToken cancellationToken)
    {
        var found = new List<(WorkflowDefinition, int, DateTimeOffset)>();
        foreach (var workflow in await workflows.ListAsync(cancellationToken))
        {
            if (workflow.LatestVersion is not { } latest)
            {
                continue;
            }

            // Published versions never change: each is read and validated once, not on every check.
            if (!_versions.TryGetValue((workflow.Id, latest), out var known))
            {
                var version = await workflows.GetVersionAsync(workflow.Id, latest, cancellationToken);
                var read = version is null ? null : WorkflowDefinitionReader.ReadAndValidate(version.DefinitionJson);
                known = (read is { IsValid: true } ? read.Definition : null, version?.PublishedAt ?? default);
                _versions[(workflow.Id, latest)] = known;
            }

            if (known.Definition is { } definition)
            {
                found.Add((definition, latest, known.PublishedAt));
            }
        }

        return found;
    }
}
