using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Engine.Telemetry;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Orchestrator.Designer;
using Pipeline.Orchestrator.Models;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>Registers the workflow server's parts: storage, engine, runners, scheduler, workflow folder sync.</summary>
public static class OrchestratorServices
{
    public static IServiceCollection AddPipelineOrchestrator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        var engine = Bind<EngineOptions>(configuration, "Engine").WithServerPaths(configuration).Checked();
        services.AddSingleton(engine);
        services.AddSingleton(Bind<SchedulerOptions>(configuration, "Scheduler").Checked());
        services.AddSingleton(Bind<ProcessRunnerOptions>(configuration, "Runner:Process").Checked());
        services.AddSingleton<OrchestrationMetrics>();
        services.AddSingleton<RunTracing>();
        services.AddSingleton<DataMetrics>();
        services.AddSingleton<QueueGauges>();
        services.AddSingleton<EngineTelemetry>();
        services.AddSingleton<IRunObserver, RunTelemetry>();
        services.AddPipelineStorage(configuration);
        var secrets = Bind<SecretsOptions>(configuration, "Secrets");
        if (configuration["Storage:PasswordFile"] is { Length: > 0 } passwordFile)
        {
            // The database password is the server's, even when it is mounted beside the steps' secrets.
            secrets.ServerOwnFiles.Add(passwordFile);
        }

        services.AddSingleton(secrets);
        services.AddSingleton<SecretStore>();
        services.AddSingleton<EngineSignal>();
        services.AddSingleton<WorkflowLimits>();
        services.AddSingleton<StepProgramCatalog>();
        services.AddSingleton<StepDescriptions>();
        services.AddSingleton<IStepPathOptions, DescribedPathOptions>();
        services.AddSingleton<ArgumentConfinement>();
        services.AddSingleton(Bind<ModelsOptions>(configuration, "Models"));
        services.AddSingleton<ModelRegistries>();
        services.AddSingleton<OnlineModels>();
        services.AddSingleton(Bind<DatasetsOptions>(configuration, "Datasets").Checked());
        services.AddSingleton<DatasetReceiver>();
        services.AddSingleton<DatasetTriggers>();
        services.AddSingleton<DatasetDownloader>();
        services.AddStepRunners(configuration);
        services.AddSingleton<WorkflowEngine>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunWatcher>();
        services.AddSingleton<LogFollower>();
        services.AddSingleton<ScheduleCatalog>();
        services.AddSingleton<CronScheduler>();
        services.AddSingleton<WorkflowFolderSync>();
        return services;
    }

    /// <summary>The engine and scheduler loops, for hosts that run steps (the server, <c>run --wait</c>).</summary>
    public static IServiceCollection AddPipelineBackgroundWork(this IServiceCollection services)
    {
        services.AddHostedService<EngineHostedService>();
        services.AddHostedService<SchedulerHostedService>();
        services.AddHostedService<UntriggeredDatasetsHostedService>();
        return services;
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
