using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Persistence.Hosting;

/// <summary>
/// The database from configuration: <c>Storage:Database</c> (<c>--db</c>) is a PostgreSQL connection string; without
/// it the embedded SQLite file <c>Storage:SqliteFile</c> (<c>--sqlite</c>, default <c>.pipeline/pipeline.db</c>).
/// <c>Storage:PasswordFile</c> supplies the PostgreSQL password from a file (<see cref="DatabaseConnectionString"/>).
/// </summary>
public static class StorageRegistration
{
    public const string DefaultSqliteFile = ".pipeline/pipeline.db";

    public static IServiceCollection AddPipelineStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider =>
        {
            var database = OrchestratorStorage.Open(
                DatabaseConnectionString.From(configuration), configuration["Storage:SqliteFile"] ?? DefaultSqliteFile, provider.GetRequiredService<TimeProvider>());
            database.ObserveRuns(provider.GetService<IRunObserver>() ?? NoRunObserver.Instance);
            return database;
        });
        services.AddSingleton<IWorkflowStore>(provider => provider.GetRequiredService<OrchestratorDatabase>().Workflows);
        services.AddSingleton<IRunStore>(provider => provider.GetRequiredService<OrchestratorDatabase>().Runs);
        services.AddSingleton<IAccountStore>(provider => provider.GetRequiredService<OrchestratorDatabase>().Accounts);
        services.AddSingleton<IDatasetStore>(provider => provider.GetRequiredService<OrchestratorDatabase>().Datasets);
        services.AddSingleton<IAssetStore>(provider => provider.GetRequiredService<OrchestratorDatabase>().Assets);
        services.AddSingleton<StorageStartup>();
        return services;
    }
}
