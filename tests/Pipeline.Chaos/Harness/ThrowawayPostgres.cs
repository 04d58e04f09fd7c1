using Pipeline.Testing;

namespace Pipeline.Chaos.Harness;

/// <summary>
/// The tests' throwaway PostgreSQL server, registered for cleanup so it is stopped however the suite ends. Durable
/// (fsync, synchronous commit): an immediate stop must not lose what the orchestrator was told was committed.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly IDisposable _cleanup;
    private int _disposed;

    private ThrowawayPostgres(PostgresServer server)
    {
        Server = server;
        _cleanup = CleanupRegistry.Register($"postgres :{server.Port}", async () => await StopAsync());
    }

    public PostgresServer Server { get; }

    public static async Task<ThrowawayPostgres> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new ThrowawayPostgres(await PostgresServer.StartAsync(durable: true, cancellationToken));
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"cannot start a throwaway PostgreSQL server: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cleanup.Dispose();
        await StopAsync();
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await Server.DisposeAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by a scenario (pg_ctl stop finds no server); the folder is deleted all the same.
        }
    }
}
