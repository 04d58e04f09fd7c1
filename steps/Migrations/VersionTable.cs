using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace Pipeline.Steps.Migrations;

/// <summary>
/// The table that records the scripts a database has applied: version, name, checksum and when. The two schemas
/// kept with <see cref="SchemaMigrator"/> record the time differently, and databases already have their tables,
/// so each format is kept exactly as it was first written.
/// </summary>
public sealed partial class VersionTable
{
    private readonly string _create;
    private readonly string _insert;
    private readonly Func<MigrationScript, object> _row;

    private VersionTable(string name, string create, string insert, Func<MigrationScript, object> row)
    {
        Name = name;
        _create = create;
        _insert = insert;
        _row = row;
    }

    /// <summary>The table's name: plain lower-case, one per owner of a schema in a database.</summary>
    public string Name { get; }

    /// <summary>
    /// <c>version bigint</c>, <c>applied_at bigint</c> in Unix milliseconds from <paramref name="time"/>: the workflow
    /// server's <c>schema_version</c>, the same on SQLite and PostgreSQL.
    /// </summary>
    public static VersionTable UnixMilliseconds(string name, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var table = Checked(name);
        return new VersionTable(
            table,
            $"""
            CREATE TABLE IF NOT EXISTS {table} (
                version    bigint NOT NULL PRIMARY KEY,
                name       text   NOT NULL,
                checksum   text   NOT NULL,
                applied_at bigint NOT NULL
            )
            """,
            $"INSERT INTO {table} (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
            s => new { Version = (long)s.Version, s.Name, s.Checksum, AppliedAt = time.GetUtcNow().ToUnixTimeMilliseconds() });
    }

    /// <summary>
    /// <c>version integer</c>, <c>applied_at timestamptz</c> from the database's clock: PostgreSQL only, the step
    /// schemas' tables (ClusterPredict's <c>cluster_predict_schema_version</c>).
    /// </summary>
    public static VersionTable Timestamptz(string name)
    {
        var table = Checked(name);
        return new VersionTable(
            table,
            $"""
            CREATE TABLE IF NOT EXISTS {table} (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            $"INSERT INTO {table} (version, name, checksum) VALUES (@Version, @Name, @Checksum)",
            s => new { s.Version, s.Name, s.Checksum });
    }

    internal Task CreateAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(_create, transaction: transaction, cancellationToken: cancellationToken));

    /// <summary>The recorded scripts by version.</summary>
    internal async Task<Dictionary<long, (string Name, string Checksum)>> ReadAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long Version, string Name, string Checksum)>(new CommandDefinition(
            $"SELECT version, name, checksum FROM {Name}", transaction: transaction, cancellationToken: cancellationToken)))
        .ToDictionary(r => r.Version, r => (r.Name, r.Checksum));

    internal Task RecordAsync(DbConnection connection, DbTransaction transaction, MigrationScript script, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(_insert, _row(script), transaction, cancellationToken: cancellationToken));

    // The name goes into SQL text: only a plain identifier, never anything a caller could quote its way out of.
    private static string Checked(string name) =>
        name is not null && Identifier().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a plain lower-case table name", nameof(name));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
