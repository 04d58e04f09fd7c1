using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Pipeline.Orchestrator.Persistence;

/// <summary>
/// What differs between the two engines for the stores' SQL. PostgreSQL locks rows (<c>FOR UPDATE</c>, claims with
/// <c>SKIP LOCKED</c>) and takes advisory locks; SQLite has neither, so every writing transaction is
/// <c>BEGIN IMMEDIATE</c>, which holds the database's one write lock from its first statement: writers run one at
/// a time and the row locks are not needed.
/// </summary>
public sealed class SqlDialect
{
    /// <summary>SQLite: no row locks; writers serialised by <c>BEGIN IMMEDIATE</c>.</summary>
    public static readonly SqlDialect Sqlite = new("sqlite", "", "");

    /// <summary>PostgreSQL: row locks, and claims that skip rows another transaction holds.</summary>
    public static readonly SqlDialect Postgres = new("postgres", " FOR UPDATE", " FOR UPDATE OF s SKIP LOCKED FOR SHARE OF r SKIP LOCKED");

    private SqlDialect(string name, string forUpdate, string claimLock)
    {
        Name = name;
        ForUpdate = forUpdate;
        ClaimLock = claimLock;
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Name { get; }

    /// <summary>Appended to a SELECT that locks the rows it reads until the transaction ends.</summary>
    public string ForUpdate { get; }

    /// <summary>
    /// Appended to the claim query (step runs <c>s</c> joined to runs <c>r</c>): rows another claimer holds are
    /// skipped, not waited for; the run row is share-locked so a cancel or completion of that run waits for the claim.
    /// </summary>
    public string ClaimLock { get; }

    public bool IsSqlite => ReferenceEquals(this, Sqlite);

    /// <summary>The database server's clock now, in Unix milliseconds.</summary>
    public string NowMs => IsSqlite
        ? "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
        : "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS bigint)";

    /// <summary>
    /// <c>column</c> is one of the values of the array parameter <c>@parameter</c>. Dapper expands a list into
    /// <c>(@p1, @p2, ...)</c> for SQLite but sends it to Npgsql as one array, which needs <c>= ANY</c>.
    /// </summary>
    public string InList(string column, string parameter) =>
        IsSqlite ? $"{column} IN @{parameter}" : $"{column} = ANY(@{parameter})";

    /// <summary>Begins a transaction that will write: <c>BEGIN IMMEDIATE</c> on SQLite, read committed on PostgreSQL.</summary>
    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        IsSqlite
            ? ((SqliteConnection)connection).BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Serialises one kind of work across servers until the transaction ends (PostgreSQL advisory transaction lock);
    /// nothing on SQLite, where the write transaction already excludes every other writer.
    /// </summary>
    public async Task LockAsync(DbConnection connection, DbTransaction transaction, long key, CancellationToken cancellationToken)
    {
        if (!IsSqlite)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key }, transaction, cancellationToken: cancellationToken));
        }
    }

    public override string ToString() => Name;
}
