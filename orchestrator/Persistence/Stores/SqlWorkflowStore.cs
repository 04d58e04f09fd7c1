using System.Security.Cryptography;
using System.Text;
using Dapper;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Persistence.Rows;

namespace Pipeline.Orchestrator.Persistence.Stores;

/// <summary>
/// <see cref="IWorkflowStore"/> over either engine. Publishing locks the workflow's row (SQLite: the write
/// transaction), so concurrent publishers number versions 1, 2, 3 without gaps or duplicates.
/// </summary>
public sealed class SqlWorkflowStore : IWorkflowStore
{
    private const string WorkflowColumns =
        "id AS Id, draft_json AS DraftJson, draft_updated_at AS DraftUpdatedAt, latest_version AS LatestVersion, created_at AS CreatedAt";

    private const string VersionColumns =
        "workflow_id AS WorkflowId, version AS Version, definition_json AS DefinitionJson, checksum AS Checksum, published_at AS PublishedAt";

    private readonly OrchestratorDatabase _database;

    internal SqlWorkflowStore(OrchestratorDatabase database) => _database = database;

    public async Task<IReadOnlyList<WorkflowRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WorkflowRow>(new CommandDefinition(
            $"SELECT {WorkflowColumns} FROM workflows ORDER BY id", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<WorkflowRecord?> GetAsync(string workflowId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WorkflowRow>(new CommandDefinition(
            $"SELECT {WorkflowColumns} FROM workflows WHERE id = @workflowId", new { workflowId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public Task SaveDraftAsync(string workflowId, string definitionJson, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO workflows (id, draft_json, draft_updated_at, created_at) VALUES (@workflowId, @definitionJson, @now, @now)
            ON CONFLICT (id) DO UPDATE SET draft_json = excluded.draft_json, draft_updated_at = excluded.draft_updated_at
            """, new { workflowId, definitionJson, now = UnixMs.From(now) }, transaction, cancellationToken: cancellationToken)), cancellationToken);

    public Task<WorkflowVersionRecord?> PublishAsync(string workflowId, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            var workflow = await connection.QuerySingleOrDefaultAsync<WorkflowRow>(new CommandDefinition(
                $"SELECT {WorkflowColumns} FROM workflows WHERE id = @workflowId{_database.Dialect.ForUpdate}",
                new { workflowId }, transaction, cancellationToken: cancellationToken));
            if (workflow?.DraftJson is not { } draft)
            {
                return null;
            }

            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(draft)));
            var latest = await connection.QuerySingleOrDefaultAsync<WorkflowVersionRow>(new CommandDefinition(
                $"SELECT {VersionColumns} FROM workflow_versions WHERE workflow_id = @workflowId ORDER BY version DESC LIMIT 1",
                new { workflowId }, transaction, cancellationToken: cancellationToken));
            if (latest is not null && latest.Checksum == checksum)
            {
                return latest.ToRecord();
            }

            var published = new WorkflowVersionRow
            {
                WorkflowId = workflowId, Version = (latest?.Version ?? 0) + 1, DefinitionJson = draft, Checksum = checksum, PublishedAt = UnixMs.From(now),
            };
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO workflow_versions (workflow_id, version, definition_json, checksum, published_at)
                VALUES (@WorkflowId, @Version, @DefinitionJson, @Checksum, @PublishedAt);
                UPDATE workflows SET latest_version = @Version WHERE id = @WorkflowId;
                """, published, transaction, cancellationToken: cancellationToken));
            return published.ToRecord();
        }, cancellationToken);

    public async Task<WorkflowVersionRecord?> GetVersionAsync(string workflowId, int? version, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<WorkflowVersionRow>(new CommandDefinition(
            version is null
                ? $"SELECT {VersionColumns} FROM workflow_versions WHERE workflow_id = @workflowId ORDER BY version DESC LIMIT 1"
                : $"SELECT {VersionColumns} FROM workflow_versions WHERE workflow_id = @workflowId AND version = @version",
            new { workflowId, version = (long?)version }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<WorkflowVersionRecord>> ListVersionsAsync(string workflowId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<WorkflowVersionRow>(new CommandDefinition(
            $"SELECT {VersionColumns} FROM workflow_versions WHERE workflow_id = @workflowId ORDER BY version DESC",
            new { workflowId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }
}
