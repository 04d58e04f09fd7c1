using Pipeline.Orchestrator.Persistence;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Persistence;

/// <summary>A fresh, migrated orchestrator database on a real engine: a SQLite file in a temp folder, or a new PostgreSQL database.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly List<OrchestratorDatabase> _opened = [];

    private TestDatabase(string? connectionString, string folder)
    {
        ConnectionString = connectionString;
        Folder = folder;
    }

    /// <summary>The engines every store test runs against.</summary>
    public static TheoryData<string> Engines => new() { "sqlite", "postgres" };

    public string? ConnectionString { get; }

    public string Folder { get; }

    public string SqliteFile => Path.Combine(Folder, "orchestrator.db");

    /// <summary>The server's <c>ConnectionStrings:Orchestrator</c> for <paramref name="engine"/>: null (SQLite), or a new PostgreSQL database.</summary>
    public static async Task<string?> ConnectionStringAsync(string engine, PostgresFixture postgres) => engine switch
    {
        "sqlite" => null,
        "postgres" => await postgres.Server.CreateDatabaseAsync(CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "sqlite or postgres"),
    };

    public static async Task<TestDatabase> CreateAsync(string engine, PostgresFixture postgres, bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "orch-store-" + Guid.NewGuid().ToString("N")[..12]);
        var test = new TestDatabase(await ConnectionStringAsync(engine, postgres), folder);
        if (migrate)
        {
            await test.Open().MigrateAsync(CancellationToken.None);
        }

        return test;
    }

    /// <summary>A new migrated database on a server of the test's own (one it may stop and start).</summary>
    public static async Task<TestDatabase> CreateOnAsync(PostgresServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var folder = Path.Combine(Path.GetTempPath(), "orch-store-" + Guid.NewGuid().ToString("N")[..12]);
        var test = new TestDatabase(await server.CreateDatabaseAsync(CancellationToken.None), folder);
        await test.Open().MigrateAsync(CancellationToken.None);
        return test;
    }

    /// <summary>Another store instance over the same database: what a second server replica would have.</summary>
    public OrchestratorDatabase Open()
    {
        var database = OrchestratorStorage.Open(ConnectionString, SqliteFile);
        _opened.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
