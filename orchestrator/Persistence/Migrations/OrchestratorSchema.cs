using Pipeline.Steps.Migrations;

namespace Pipeline.Orchestrator.Persistence.Migrations;

/// <summary>
/// The server's schema: the scripts in <c>Migrations/Sqlite</c> or <c>Migrations/Postgres</c>, recorded in
/// <c>schema_version</c> with applied_at in Unix milliseconds. Several servers may start at once: PostgreSQL
/// serialises them with a session advisory lock, SQLite with one <c>BEGIN IMMEDIATE</c> transaction around the
/// whole migration; the later ones find nothing left to do.
/// </summary>
internal static class OrchestratorSchema
{
    // "pipeline-orchestrator-schema" as a number: the advisory lock only migrators of this schema take.
    private const long LockKey = 0x5069_7065_4f72_6368;

    /// <summary>The scripts embedded as <c>Migrations.{Sqlite|Postgres}.NNNN_name.sql</c>, by version.</summary>
    public static IReadOnlyList<MigrationScript> Scripts(SqlDialect dialect) =>
        MigrationScripts.Load(typeof(OrchestratorSchema).Assembly, dialect.IsSqlite ? "Migrations.Sqlite." : "Migrations.Postgres.");

    public static SchemaMigrator Migrator(SqlDialect dialect, TimeProvider time, string endpoint) =>
        new(Scripts(dialect),
            VersionTable.UnixMilliseconds("schema_version", time),
            dialect.IsSqlite ? MigrationLock.WholeTransaction(dialect.BeginWriteAsync) : MigrationLock.PostgresAdvisory(LockKey),
            endpoint);
}
