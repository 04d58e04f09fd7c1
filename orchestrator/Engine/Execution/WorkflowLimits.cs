using System.Collections.Concurrent;
using System.Text.Json;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>
/// Each workflow's limit of active runs, read from its latest published version and refreshed every few seconds,
/// so the engine loop asks the store for it rarely.
/// </summary>
public sealed class WorkflowLimits(IWorkflowStore workflows, TimeProvider clock)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, int> _limits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _readVersions = new(StringComparer.Ordinal);
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The limit of a workflow; 1 for one not seen yet.</summary>
    public int For(string workflowId) => _limits.TryGetValue(workflowId, out var limit) ? limit : 1;

    /// <summary>Re-reads the limits when they are older than a few seconds, or when <paramref name="force"/>.</summary>
    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && clock.GetUtcNow() - _readAt < RefreshEvery)
        {
            return;
        }

        foreach (var workflow in await workflows.ListAsync(cancellationToken))
        {
            // A version never changes: its limit is read once, when it becomes the latest.
            if (workflow.LatestVersion is { } latest && _readVersions.GetValueOrDefault(workflow.Id) != latest
                && await workflows.GetVersionAsync(workflow.Id, latest, cancellationToken) is { } version)
            {
                _limits[workflow.Id] = MaxActiveRuns(version.DefinitionJson);
                _readVersions[workflow.Id] = latest;
            }
        }

        _readAt = clock.GetUtcNow();
    }

    private static int MaxActiveRuns(string definitionJson)
    {
        using var document = JsonDocument.Parse(definitionJson);
        return document.RootElement.TryGetProperty("maxActiveRuns", out var value) && value.TryGetInt32(out var limit) && limit > 0 ? limit : 1;
    }
}
