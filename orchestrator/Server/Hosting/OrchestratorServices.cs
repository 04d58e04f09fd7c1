using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Orchestrator.Designer;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Hosting;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Models;
using Pipeline.Orchestrator.Persistence.Hosting;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Composes the workflow server from its modules, each registered by its own <c>AddXxx()</c> with its settings
/// checked on start: engine, storage, runners, accounts, models, datasets; and adds what only the host knows, the
/// settings one module takes from another's section (<see cref="RunPathSettings"/>).
/// </summary>
public static class OrchestratorServices
{
    public static IServiceCollection AddPipelineOrchestrator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPipelineEngine(configuration);
        services.PostConfigure<EngineOptions>(engine => engine.WithServerPaths(configuration));
        services.PostConfigure<SecretsOptions>(secrets =>
        {
            if (configuration["Storage:PasswordFile"] is { Length: > 0 } passwordFile)
            {
                // The database password is the server's, even when it is mounted beside the steps' secrets.
                secrets.ServerOwnFiles.Add(passwordFile);
            }
        });
        services.AddPipelineStorage(configuration);
        services.AddStepRunners(configuration);
        services.AddSingleton<StepDescriptions>();
        services.AddSingleton<IStepPathOptions, DescribedPathOptions>();
        services.AddSingleton<IStepRequiredOptions, DescribedRequiredOptions>();
        services.AddPipelineAccounts(configuration);
        services.AddPipelineModels(configuration);
        services.AddPipelineDatasets(configuration);
        services.AddPipelineAssets();
        services.AddSingleton<WorkflowFolderSync>();
        return services;
    }

    /// <summary>The engine and scheduler loops and the dataset sweep, for hosts that run steps (the server, <c>run --wait</c>).</summary>
    public static IServiceCollection AddPipelineBackgroundWork(this IServiceCollection services) =>
        services.AddPipelineEngineLoops().AddDatasetArrivalSweep();
}
