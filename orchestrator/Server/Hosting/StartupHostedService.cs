using Pipeline.Orchestrator.Persistence.Hosting;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Runs before the engine and scheduler start (hosted services start in registration order): migrates the
/// database, then publishes the workflows folder (unless <c>Workflows:PublishAtStart</c> is false: the CLI's
/// commands that only read or change runs must not publish whatever folder they happen to be run from).
/// </summary>
internal sealed class StartupHostedService(StorageStartup storage, WorkflowFolderSync sync, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.MigrateAsync(cancellationToken);
        if (configuration.GetValue("Workflows:PublishAtStart", defaultValue: true))
        {
            await sync.SyncAsync(configuration["Workflows:Folder"] ?? "workflows", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
