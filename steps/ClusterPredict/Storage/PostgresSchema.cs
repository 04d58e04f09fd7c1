using System.Buffers.Binary;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Migrations;

namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>
/// A step's schema in PostgreSQL: numbered <c>NNNN_name.sql</c> scripts embedded in an assembly, applied by the
/// shared <see cref="SchemaMigrator"/>, each in its own transaction under an advisory lock, and recorded in a
/// version table with a <c>timestamptz</c> applied_at. Failures are step failures: a changed or failing script is
/// exit code 78, an unreachable server 75.
/// </summary>
public sealed class PostgresSchema
{
    /// <summary>The resource-name prefix of ClusterPredict's own scripts.</summary>
    public const string ClusterPredictPrefix = "Pipeline.Steps.ClusterPredict.Storage.Migrations.";

    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaMigrator _migrator;
    private readonly string _endpoint;

    /// <param name="dataSource">The database to migrate.</param>
    /// <param name="assembly">The assembly that embeds the scripts.</param>
    /// <param name="resourcePrefix">Resource names of the scripts start with it, e.g. <c>My.Project.Migrations.</c>.</param>
    /// <param name="versionTable">The table that records applied scripts; a separate one per owner of a schema.</param>
    public PostgresSchema(NpgsqlDataSource dataSource, Assembly assembly, string resourcePrefix, string versionTable)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(assembly);
        var table = VersionTable.Timestamptz(versionTable);
        _dataSource = dataSource;
        _endpoint = PostgresConnection.Endpoint(dataSource.ConnectionString);
        // One lock per version table, so owners of different schemas in one database do not wait for each other.
        var lockKey = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("pipeline-migrations:" + versionTable)));
        _migrator = new SchemaMigrator(Load(assembly, resourcePrefix), table, MigrationLock.PostgresAdvisory(lockKey), _endpoint);
    }

    /// <summary>
    /// ClusterPredict's schema, recorded in <c>cluster_predict_schema_version</c>: the workflow server keeps its own
    /// scripts in <c>schema_version</c>, and in one database (as under docker-compose) the two histories must not be
    /// read as one.
    /// </summary>
    public static PostgresSchema ForClusterPredict(NpgsqlDataSource dataSource) =>
        new(dataSource, typeof(PostgresSchema).Assembly, ClusterPredictPrefix, "cluster_predict_schema_version");

    /// <summary>Applies the scripts not yet applied; returns them (empty when the schema was up to date).</summary>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await _migrator.MigrateAsync(connection, cancellationToken);
        }
        catch (MigrationException e)
        {
            throw new StepException(StepExitCodes.Configuration, e.Message, null, e);
        }
        catch (Exception e) when (PostgresFailures.IsDatabaseFailure(e))
        {
            throw PostgresFailures.Classify(e, _endpoint, "migrating the schema");
        }
    }

    private static IReadOnlyList<MigrationScript> Load(Assembly assembly, string resourcePrefix)
    {
        try
        {
            return MigrationScripts.Load(assembly, resourcePrefix);
        }
        catch (MigrationException e)
        {
            throw new StepException(StepExitCodes.Configuration, e.Message, null, e);
        }
    }
}
