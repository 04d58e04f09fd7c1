using Pipeline.Orchestrator.Definitions.Serialization;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Publishes the definitions in the workflows folder at start-up, so workflows kept in git are what the server runs:
/// each valid file becomes the workflow's draft and is published when it differs from the latest version. An invalid
/// file (its own problems, or steps this server's settings do not run) is reported with every problem and skipped;
/// the server still starts with the rest.
/// </summary>
public sealed partial class WorkflowFolderSync(IWorkflowStore workflows, ExecutionPolicy policy, TimeProvider clock, ILogger<WorkflowFolderSync> logger)
{
    public async Task<int> SyncAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            Log.NoFolder(logger, Path.GetFullPath(folder));
            return 0;
        }

        var published = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken);
            var (definition, problems) = WorkflowDefinitionReader.ReadAndValidate(json);
            if (definition is not null)
            {
                // What this server's settings do not run (a command not allowed, say) is a problem of the file here.
                problems = [.. problems, .. await policy.CheckAsync(definition, cancellationToken)];
            }

            if (definition is null || problems.Count > 0)
            {
                Log.Invalid(logger, file, string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")));
                continue;
            }

            var existing = await workflows.GetAsync(definition.Id, cancellationToken);
            var before = existing?.LatestVersion;
            if (existing?.DraftJson is { } draft && draft != json && await IsUnpublishedEditAsync(existing, draft, cancellationToken))
            {
                // Someone edited the draft through the API and has not published it: the file must not wipe that out.
                Log.DraftKept(logger, definition.Id, file);
                continue;
            }

            await workflows.SaveDraftAsync(definition.Id, json, clock.GetUtcNow(), cancellationToken);
            var version = await workflows.PublishAsync(definition.Id, clock.GetUtcNow(), cancellationToken);
            if (version is not null && version.Version != before)
            {
                published++;
                Log.Published(logger, definition.Id, version.Version, file);
            }
        }

        return published;
    }

    private async Task<bool> IsUnpublishedEditAsync(WorkflowRecord existing, string draft, CancellationToken cancellationToken) =>
        existing.LatestVersion is null || (await workflows.GetVersionAsync(existing.Id, null, cancellationToken))?.DefinitionJson != draft;

    private static partial class Log
    {
        [LoggerMessage(4, LogLevel.Warning, "{Workflow} has an unpublished draft edited through the API; {File} was not published over it")]
        public static partial void DraftKept(ILogger logger, string workflow, string file);

        [LoggerMessage(1, LogLevel.Warning, "workflows folder {Folder} does not exist; no definitions loaded from files")]
        public static partial void NoFolder(ILogger logger, string folder);

        [LoggerMessage(2, LogLevel.Error, "{File} is not a valid workflow and was skipped: {Problems}")]
        public static partial void Invalid(ILogger logger, string file, string problems);

        [LoggerMessage(3, LogLevel.Information, "published {Workflow} version {Version} from {File}")]
        public static partial void Published(ILogger logger, string workflow, int version, string file);
    }
}
