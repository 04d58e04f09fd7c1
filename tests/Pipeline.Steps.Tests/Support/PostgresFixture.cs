using Npgsql;
using Pipeline.Steps.ClusterPredict.Storage;

namespace Pipeline.Steps.Tests.Support;

/// <summary>One throwaway PostgreSQL server for the whole <see cref="SharedPostgres"/>; tests make their own databases.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL server has not started");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync(durable: false, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A data source on a fresh, empty database; dispose it at the end of the test.</summary>
    public async Task<NpgsqlDataSource> NewDatabaseAsync() =>
        NpgsqlDataSource.Create(await Server.CreateDatabaseAsync(CancellationToken.None));

    /// <summary>A data source on a fresh database with ClusterPredict's schema applied.</summary>
    public async Task<NpgsqlDataSource> NewMigratedDatabaseAsync()
    {
        var dataSource = await NewDatabaseAsync();
        await SchemaMigrator.ForClusterPredict(dataSource).MigrateAsync(CancellationToken.None);
        return dataSource;
    }
}
