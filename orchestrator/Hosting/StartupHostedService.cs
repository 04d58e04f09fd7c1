namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Runs before the engine and scheduler start (hosted services start in registration order): migrates the
/// database, then publishes the workflows folder.
/// </summary>
internal sealed class StartupHostedService(StorageStartup storage, WorkflowFolderSync sync, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.MigrateAsync(cancellationToken);
        await sync.SyncAsync(configuration["Workflows:Folder"] ?? "workflows", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
