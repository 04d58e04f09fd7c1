using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// The process runner's registration: its settings (<c>Runner:Process</c>, checked on start), the catalog of step
/// programs, and the runner itself. Where it stands among the runners is the host's choice, so it is registered as
/// <see cref="ProcessStepRunner"/>, not yet as an <see cref="Engine.Runners.IStepRunner"/>.
/// </summary>
public static class ProcessRunnerRegistration
{
    public static IServiceCollection AddProcessRunner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<ProcessRunnerOptions>(configuration, "Runner:Process");
        services.AddSingleton<StepProgramCatalog>();
        services.AddSingleton<ProcessStepRunner>();
        return services;
    }
}
