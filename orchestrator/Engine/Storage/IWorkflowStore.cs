namespace Pipeline.Orchestrator.Engine.Storage;

/// <summary>
/// Workflow definitions: one editable draft per workflow and immutable published versions (1, 2, ...). Stores keep
/// the definition as the JSON text they were given; callers validate before saving.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>Every workflow with its draft and latest version numbers, ordered by id.</summary>
    Task<IReadOnlyList<WorkflowRecord>> ListAsync(CancellationToken cancellationToken);

    Task<WorkflowRecord?> GetAsync(string workflowId, CancellationToken cancellationToken);

    /// <summary>Creates the workflow or replaces its draft.</summary>
    Task SaveDraftAsync(string workflowId, string definitionJson, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes the draft as the next version and returns it; when the draft equals the latest version (same
    /// checksum), returns that version instead of adding one. Null when the workflow or its draft does not exist.
    /// </summary>
    Task<WorkflowVersionRecord?> PublishAsync(string workflowId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A published version; <paramref name="version"/> null means the latest.</summary>
    Task<WorkflowVersionRecord?> GetVersionAsync(string workflowId, int? version, CancellationToken cancellationToken);

    /// <summary>The published versions, newest first.</summary>
    Task<IReadOnlyList<WorkflowVersionRecord>> ListVersionsAsync(string workflowId, CancellationToken cancellationToken);
}

/// <summary>A workflow's current state: its draft (if any) and its latest published version (if any).</summary>
public sealed record WorkflowRecord(
    string Id, string? DraftJson, DateTimeOffset? DraftUpdatedAt, int? LatestVersion, DateTimeOffset CreatedAt);

/// <summary>An immutable published version: the definition's JSON text and its SHA-256 (hex, lower case).</summary>
public sealed record WorkflowVersionRecord(string WorkflowId, int Version, string DefinitionJson, string Checksum, DateTimeOffset PublishedAt);
