using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Text;
using Dapper;
using Npgsql;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>
/// Applies the numbered <c>NNNN_name.sql</c> scripts embedded in an assembly, in order, each in its own
/// transaction, and records them in a schema-version table (version, name, SHA-256 checksum, applied_at). A
/// PostgreSQL advisory lock makes concurrent migrators safe: the second waits, then finds nothing left to do.
/// A script whose checksum differs from the one recorded when it was applied is refused (exit code 78).
/// </summary>
public sealed partial class SchemaMigrator
{
    /// <summary>The resource-name prefix of ClusterPredict's own scripts.</summary>
    public const string ClusterPredictPrefix = "Pipeline.Steps.ClusterPredict.Storage.Migrations.";

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<MigrationScript> _scripts;
    private readonly string _versionTable;
    private readonly long _lockKey;
    private readonly string _endpoint;

    /// <param name="dataSource">The database to migrate.</param>
    /// <param name="assembly">The assembly that embeds the scripts.</param>
    /// <param name="resourcePrefix">Resource names of the scripts start with it, e.g. <c>My.Project.Migrations.</c>.</param>
    /// <param name="versionTable">The table that records applied scripts; a separate one per owner of a schema.</param>
    public SchemaMigrator(NpgsqlDataSource dataSource, Assembly assembly, string resourcePrefix, string versionTable = "schema_version")
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(assembly);
        if (!Identifier().IsMatch(versionTable))
        {
            throw new ArgumentException($"'{versionTable}' is not a plain lower-case table name", nameof(versionTable));
        }

        _dataSource = dataSource;
        _scripts = MigrationScripts.Load(assembly, resourcePrefix);
        _versionTable = versionTable;
        // One lock per version table, so owners of different schemas in one database do not wait for each other.
        _lockKey = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("pipeline-migrations:" + versionTable)));
        _endpoint = PostgresConnection.Endpoint(dataSource.ConnectionString);
    }

    /// <summary>
    /// The migrator of ClusterPredict's own scripts, recorded in <c>cluster_predict_schema_version</c>: the workflow
    /// server keeps its own scripts in <c>schema_version</c>, and in one database (as under docker-compose) the two
    /// histories must not be read as one.
    /// </summary>
    public static SchemaMigrator ForClusterPredict(NpgsqlDataSource dataSource) =>
        new(dataSource, typeof(SchemaMigrator).Assembly, ClusterPredictPrefix, "cluster_predict_schema_version");

    /// <summary>The embedded scripts, in order: what a fully migrated database has applied.</summary>
    public IReadOnlyList<AppliedMigration> Scripts => [.. _scripts.Select(s => new AppliedMigration(s.Version, s.Name, s.Checksum))];

    /// <summary>Applies the scripts not yet applied; returns them (empty when the schema was up to date).</summary>
    public async Task<IReadOnlyList<AppliedMigration>> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = _lockKey }, cancellationToken: cancellationToken));
            try
            {
                return await ApplyPendingAsync(connection, cancellationToken);
            }
            finally
            {
                await UnlockAsync(connection);
            }
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseFailure(e))
        {
            throw PostgresFailures.Classify(e, _endpoint, "migrating the schema");
        }
    }

    private async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            // Closing the connection would release the lock too, but a pooled connection stays open.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = _lockKey }, cancellationToken: CancellationToken.None));
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseFailure(e))
        {
            // A broken connection is not pooled again, and the server drops its locks with it.
        }
    }

    private async Task<IReadOnlyList<AppliedMigration>> ApplyPendingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            CREATE TABLE IF NOT EXISTS {_versionTable} (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken: cancellationToken));
        var recorded = (await connection.QueryAsync<(int Version, string Name, string Checksum)>(new CommandDefinition(
            $"SELECT version, name, checksum FROM {_versionTable}", cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Version);

        // Every check before any change: a database that does not match the code gets nothing applied to it.
        foreach (var script in _scripts)
        {
            if (recorded.TryGetValue(script.Version, out var applied) && applied.Checksum != script.Checksum)
            {
                throw new StepException(StepExitCodes.Configuration,
                    $"schema script {script.FileName} differs from the one applied to {_endpoint} as version {applied.Version} " +
                    $"({applied.Name}, sha256 {Abbreviated(applied.Checksum)}, embedded {Abbreviated(script.Checksum)}): applied scripts must never change; add a new script instead");
            }
        }

        // Versions recorded that this code does not know come from newer code; they are left alone so that an
        // older step still runs while a rolling deployment is under way.
        var applying = new List<AppliedMigration>();
        foreach (var script in _scripts.Where(s => !recorded.ContainsKey(s.Version)))
        {
            await ApplyAsync(connection, script, cancellationToken);
            applying.Add(new AppliedMigration(script.Version, script.Name, script.Checksum));
        }

        return applying;
    }

    private async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (!e.IsTransient)
        {
            throw new StepException(StepExitCodes.Configuration,
                $"schema script {script.FileName} failed on {_endpoint}: {e.SqlState} {e.MessageText}; nothing of it was applied", null, e);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {_versionTable} (version, name, checksum) VALUES (@Version, @Name, @Checksum)",
            new { script.Version, script.Name, script.Checksum }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Abbreviated(string checksum) => checksum.Length > 12 ? checksum[..12] + "..." : checksum;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
