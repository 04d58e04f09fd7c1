using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Engine.Telemetry;

namespace Pipeline.Orchestrator.Engine.Hosting;

/// <summary>
/// The engine's registration: its settings (<c>Engine</c>, <c>Scheduler</c>, <c>Secrets</c>, checked on start),
/// the run loop, launching and watching runs, the cron scheduler, secrets and telemetry. The host adds a store
/// (<see cref="IRunStore"/>, <see cref="IWorkflowStore"/>), step runners and
/// <see cref="IStepPathOptions"/> and <see cref="IStepRequiredOptions"/>, and decides where the loops run (<see cref="AddPipelineEngineLoops"/>).
/// </summary>
public static class EngineRegistration
{
    public static IServiceCollection AddPipelineEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddCheckedOptions<EngineOptions>(configuration, "Engine");
        services.AddCheckedOptions<SchedulerOptions>(configuration, "Scheduler");
        services.AddCheckedOptions<SecretsOptions>(configuration, "Secrets");
        services.AddSingleton<OrchestrationMetrics>();
        services.AddSingleton<RunTracing>();
        services.AddSingleton<DataMetrics>();
        services.AddSingleton<QueueGauges>();
        services.AddSingleton<EngineTelemetry>();
        services.AddSingleton<IRunObserver, RunTelemetry>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<EngineSignal>();
        services.AddSingleton<WorkflowLimits>();
        services.AddSingleton<ArgumentConfinement>();
        services.AddSingleton<RequiredOptionCheck>();
        services.AddSingleton<WorkflowEngine>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunWatcher>();
        services.AddSingleton<LogFollower>();
        services.AddSingleton<ScheduleCatalog>();
        services.AddSingleton<CronScheduler>();
        return services;
    }

    /// <summary>The engine and scheduler loops, for hosts that run steps (the server, the CLI's <c>run --wait</c>).</summary>
    public static IServiceCollection AddPipelineEngineLoops(this IServiceCollection services)
    {
        services.AddHostedService<EngineHostedService>();
        services.AddHostedService<SchedulerHostedService>();
        return services;
    }
}
