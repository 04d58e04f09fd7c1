using Xunit;

namespace Pipeline.Testing;

/// <summary>
/// One throwaway PostgreSQL server for a test collection; each test asks it for a fresh database. Shared by the step
/// and orchestrator test projects, as <see cref="PostgresServer"/> is.
/// </summary>
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
}
