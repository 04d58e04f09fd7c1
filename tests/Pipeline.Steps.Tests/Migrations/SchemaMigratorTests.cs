using System.Data.Common;
using Dapper;
using Npgsql;
using Pipeline.Steps.Migrations;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Migrations;

/// <summary>
/// The shared migrator on what its two users rely on beyond their own tests: version tables written by the code
/// that came before it, and the whole-transaction lock the server uses on SQLite.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class SchemaMigratorTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_server_version_table_already_there_is_read_as_it_is_and_gets_unix_milliseconds()
    {
        await using var dataSource = await postgres.NewDatabaseAsync();
        var scripts = Scripts("Ordered");
        await using var connection = await dataSource.OpenConnectionAsync();
        // The table and row as the server's own migrator wrote them before the migrator was shared.
        await connection.ExecuteAsync("""
            CREATE TABLE schema_version (
                version    bigint NOT NULL PRIMARY KEY,
                name       text   NOT NULL,
                checksum   text   NOT NULL,
                applied_at bigint NOT NULL
            )
            """);
        await connection.ExecuteAsync(scripts[0].Sql);
        await connection.ExecuteAsync(
            "INSERT INTO schema_version VALUES (1, @Name, @Checksum, 1700000000000)", new { scripts[0].Name, scripts[0].Checksum });
        var migrator = new SchemaMigrator(scripts, VersionTable.UnixMilliseconds("schema_version", new FixedClock(Now)), MigrationLock.PostgresAdvisory(42), "test");

        var applied = await migrator.MigrateAsync(connection, None);

        Assert.Equal([2], applied.Select(s => s.Version));
        Assert.Equal(
            [(1L, 1700000000000L), (2L, Now.ToUnixTimeMilliseconds())],
            await connection.QueryAsync<(long, long)>("SELECT version, applied_at FROM schema_version ORDER BY version"));
        Assert.Equal(
            ["bigint", "text", "text", "bigint"],
            await connection.QueryAsync<string>("""
                SELECT data_type::text FROM information_schema.columns WHERE table_name = 'schema_version' ORDER BY ordinal_position
                """));
    }

    [Fact]
    public async Task A_failing_script_under_the_whole_transaction_lock_leaves_nothing_at_all()
    {
        await using var dataSource = await postgres.NewDatabaseAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        var migrator = new SchemaMigrator(
            Scripts("Broken"), VersionTable.UnixMilliseconds("gadget_schema_version", new FixedClock(Now)),
            MigrationLock.WholeTransaction(BeginAsync), "test-endpoint");

        var error = await Assert.ThrowsAsync<MigrationException>(() => migrator.MigrateAsync(connection, None));

        Assert.Contains("0002_half_broken.sql", error.Message, StringComparison.Ordinal);
        Assert.Contains("test-endpoint", error.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(error.InnerException);
        // 0001 and the version table went with the one transaction, not only the failing script.
        foreach (var table in new[] { "gadgets", "gizmos", "gadget_schema_version" })
        {
            Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass(@table)::text", new { table }));
        }
    }

    [Fact]
    public void Scripts_load_in_order_with_the_checksum_of_their_text()
    {
        var scripts = Scripts("Ordered");

        Assert.Equal(["0001_widgets.sql", "0002_widget_colour.sql"], scripts.Select(s => s.FileName));
        Assert.All(scripts, s => Assert.Matches("^[0-9a-f]{64}$", s.Checksum));
        Assert.DoesNotContain('\r', scripts[0].Sql);
    }

    [Fact]
    public void A_version_table_name_that_is_not_a_plain_identifier_is_refused()
    {
        Assert.Throws<ArgumentException>(() => VersionTable.Timestamptz("versions; DROP TABLE x"));
        Assert.Throws<ArgumentException>(() => VersionTable.UnixMilliseconds("Schema_Version", TimeProvider.System));
    }

    private static IReadOnlyList<MigrationScript> Scripts(string set) =>
        MigrationScripts.Load(typeof(SchemaMigratorTests).Assembly, $"TestMigrations.{set}.");

    private static async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
