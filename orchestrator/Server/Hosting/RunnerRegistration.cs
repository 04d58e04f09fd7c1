using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// The step runners, in the order the engine asks them (<see cref="RunnerChoice"/>): a step's own <c>runner</c>
/// decides; otherwise <c>Runner:Default</c> (<c>process</c> or <c>docker</c>) goes first and the other is a fallback
/// for what the first cannot run: with <c>process</c> first, <c>image</c> steps still go to Docker; with
/// <c>docker</c> first, commands and programs without an image (<c>Runner:Docker:Images:&lt;program&gt;</c>) still
/// run as local processes. Both are always registered: the Docker client connects on first use, so a server
/// without an engine starts and only its container steps fail.
/// </summary>
public static class RunnerRegistration
{
    public static IServiceCollection AddStepRunners(this IServiceCollection services, IConfiguration configuration)
    {
        var runnerDefault = configuration["Runner:Default"] ?? StepRunners.Process;
        if (!StepRunners.All.Contains(runnerDefault))
        {
            throw new InvalidOperationException($"configuration: Runner:Default must be one of {string.Join(", ", StepRunners.All)}, not '{runnerDefault}'");
        }

        services.AddProcessRunner(configuration);
        services.AddDockerRunner(configuration);
        // Registration order is the engine's order of preference.
        if (runnerDefault == StepRunners.Docker)
        {
            services.AddSingleton<IStepRunner>(provider => provider.GetRequiredService<DockerStepRunner>());
            services.AddSingleton<IStepRunner>(provider => provider.GetRequiredService<ProcessStepRunner>());
        }
        else
        {
            services.AddSingleton<IStepRunner>(provider => provider.GetRequiredService<ProcessStepRunner>());
            services.AddSingleton<IStepRunner>(provider => provider.GetRequiredService<DockerStepRunner>());
        }

        // What the runners' settings allow, for the API, the workflow folder sync and the launcher.
        services.AddSingleton<ExecutionPolicy>();
        return services;
    }
}
