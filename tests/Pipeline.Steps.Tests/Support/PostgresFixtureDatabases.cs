using Npgsql;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Support;

/// <summary>Databases for the step tests on the shared server: empty, or with ClusterPredict's schema.</summary>
public static class PostgresFixtureDatabases
{
    /// <summary>A data source on a fresh, empty database; dispose it at the end of the test.</summary>
    public static async Task<NpgsqlDataSource> NewDatabaseAsync(this PostgresFixture postgres) =>
        NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync(CancellationToken.None));

    /// <summary>A data source on a fresh database with ClusterPredict's schema applied.</summary>
    public static async Task<NpgsqlDataSource> NewMigratedDatabaseAsync(this PostgresFixture postgres)
    {
        var dataSource = await postgres.NewDatabaseAsync();
        await PostgresSchema.ForClusterPredict(dataSource).MigrateAsync(CancellationToken.None);
        return dataSource;
    }
}
