using System.Data.Common;
using Dapper;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Persistence;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Persistence;

[Collection(SharedPostgres.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Migrating_twice_applies_each_script_once(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres, migrate: false);
        var database = test.Open();

        var first = await database.MigrateAsync(CancellationToken.None);
        var second = await database.MigrateAsync(CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], first);
        Assert.Empty(second);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var recorded = (await connection.QueryAsync<(long Version, string Name, string Checksum)>("SELECT version, name, checksum FROM schema_version ORDER BY version")).ToList();
        Assert.Equal([(1L, "initial"), (2L, "step_retry_base"), (3L, "run_trace_parent"), (4L, "accounts"), (5L, "run_started_by"), (6L, "datasets"), (7L, "revoked_sessions"), (8L, "asset_catalog"), (9L, "gate_overrides"), (10L, "image_digest_and_scoring"), (11L, "step_partitions"), (12L, "run_waits_for"), (13L, "step_versions")], recorded.Select(r => (r.Version, r.Name)));
        Assert.All(recorded, r => Assert.Matches("^[0-9a-f]{64}$", r.Checksum));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM step_runs"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Servers_starting_at_once_apply_the_scripts_once(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres, migrate: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => test.Open().MigrateAsync(CancellationToken.None))));

        Assert.Equal(13, results.Sum(r => r.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task An_edited_applied_script_is_refused(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var database = test.Open();
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            // What the database would hold had script 0001 been changed after it was applied.
            await connection.ExecuteAsync("UPDATE schema_version SET checksum = 'abcdef0123456789' WHERE version = 1");
        }

        var e = await Assert.ThrowsAsync<OrchestratorStoreException>(() => database.MigrateAsync(CancellationToken.None));

        Assert.Contains("0001_initial.sql", e.Message, StringComparison.Ordinal);
        Assert.Contains("must never change", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_in_the_error()
    {
        var port = PostgresServer.FreePort();
        await using var database = OrchestratorStorage.Open($"Host=127.0.0.1;Port={port};Username=postgres;Database=nothing;Timeout=3", "unused.db");

        var e = await Assert.ThrowsAsync<OrchestratorStoreException>(() => database.MigrateAsync(CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unopenable_sqlite_file_is_named_in_the_error()
    {
        // A folder where the database file should be: SQLite cannot open it.
        var folder = Path.Combine(Path.GetTempPath(), "orch-store-" + Guid.NewGuid().ToString("N")[..12], "orchestrator.db");
        Directory.CreateDirectory(folder);
        try
        {
            await using var database = OrchestratorStorage.Open(null, folder);

            var e = await Assert.ThrowsAsync<OrchestratorStoreException>(() => database.MigrateAsync(CancellationToken.None));

            Assert.Contains(folder, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_postgres_uri_is_understood()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync(CancellationToken.None);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        await using var database = OrchestratorStorage.Open($"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}", "unused.db");

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], await database.MigrateAsync(CancellationToken.None));
        Assert.Equal("postgres", database.Dialect.Name);
        Assert.Equal($"{b.Host}:{b.Port}/{b.Database}", database.Endpoint);
        await using DbConnection connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(13L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
    }
}
