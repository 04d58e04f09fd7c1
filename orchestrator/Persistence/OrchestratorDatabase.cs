using System.Data.Common;
using System.Net.Sockets;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Persistence.Migrations;
using Pipeline.Orchestrator.Persistence.Stores;
using Pipeline.Steps.Migrations;

namespace Pipeline.Orchestrator.Persistence;

/// <summary>
/// The orchestrator's database, SQLite or PostgreSQL: opens connections (turning an unreachable server into an
/// <see cref="OrchestratorStoreException"/> that names it), runs the migrations, and hands out the two stores.
/// Made by <see cref="OrchestratorStorage.Open"/>.
/// </summary>
public sealed class OrchestratorDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly TimeProvider _time;
    private readonly SqlRunStore _runs;

    // The newest script this build carries: read from the embedded resources once, not on every readiness probe.
    private readonly Lazy<int> _latestMigration;

    internal OrchestratorDatabase(NpgsqlDataSource? postgres, string? sqliteConnectionString, string endpoint, TimeProvider time)
    {
        _postgres = postgres;
        _sqlite = sqliteConnectionString;
        _time = time;
        Endpoint = endpoint;
        Dialect = postgres is null ? SqlDialect.Sqlite : SqlDialect.Postgres;
        Workflows = new SqlWorkflowStore(this);
        Accounts = new SqlAccountStore(this);
        Datasets = new SqlDatasetStore(this);
        Assets = new SqlAssetStore(this);
        _latestMigration = new Lazy<int>(() => OrchestratorSchema.Scripts(Dialect).Max(s => s.Version));
        _runs = new SqlRunStore(this);
        Runs = _runs;
    }

    public SqlDialect Dialect { get; }

    /// <summary>Where the data is: <c>host:port/database</c> or the SQLite file; error messages name it.</summary>
    public string Endpoint { get; }

    public IWorkflowStore Workflows { get; }

    public IRunStore Runs { get; }

    /// <summary>Users, API keys and the session cookies' key ring.</summary>
    public IAccountStore Accounts { get; }

    /// <summary>Received datasets and the runs they started.</summary>
    public IDatasetStore Datasets { get; }

    public IAssetStore Assets { get; }

    /// <summary>Sends every committed change of a run to <paramref name="observer"/> (set once, at start-up).</summary>
    public void ObserveRuns(IRunObserver observer) => _runs.Observe(observer);

    /// <summary>
    /// Whether the database answers and its schema has every migration this build knows (readiness): null when
    /// ready, else why not.
    /// </summary>
    public async Task<string?> CheckReadyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var expected = _latestMigration.Value;
        // A table missing (never migrated) is a failed statement: counted as version 0, not an error.
        var tableExists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Dialect == SqlDialect.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_version' AND table_schema = current_schema()",
            cancellationToken: cancellationToken));
        var version = tableExists == 0 ? 0 : await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(version) FROM schema_version", cancellationToken: cancellationToken)) ?? 0;
        return version >= expected ? null : $"the schema is at version {version}, this server needs {expected}: migrations have not run yet";
    }

    /// <summary>Brings the schema up to date (safe when several servers start at once); returns the versions applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            var applied = await OrchestratorSchema.Migrator(Dialect, _time, Endpoint).MigrateAsync(connection, cancellationToken);
            return [.. applied.Select(s => s.Version)];
        }
        catch (MigrationException e)
        {
            throw new OrchestratorStoreException(e.Message, e);
        }
    }

    /// <summary>An open connection; SQLite ones with a busy timeout and foreign keys on (both are per connection).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection? connection = null;
        try
        {
            if (_postgres is not null)
            {
                return await _postgres.OpenConnectionAsync(cancellationToken);
            }

            connection = new SqliteConnection(_sqlite);
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;", cancellationToken: cancellationToken));
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException or SocketException or TimeoutException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw new OrchestratorStoreException($"cannot open the orchestrator database at {Endpoint} ({Dialect}): {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in a writing transaction (<see cref="SqlDialect.BeginWriteAsync"/>) and commits.</summary>
    internal async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        else
        {
            // Pooled SQLite connections keep the file (and its -wal) open; let it go with the store.
            using var connection = new SqliteConnection(_sqlite);
            SqliteConnection.ClearPool(connection);
        }
    }
}
