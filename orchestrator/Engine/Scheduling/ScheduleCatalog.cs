using System.Collections.Concurrent;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Serialization;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Engine.Scheduling;

/// <summary>The cron and HTTP triggers of every workflow's latest published version.</summary>
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
