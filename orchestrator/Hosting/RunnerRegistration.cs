using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// The step runners, in the order the engine asks them (it takes the first whose <c>CanRun</c> accepts a step):
/// <c>Runner:Default</c> (<c>process</c> or <c>docker</c>) goes first. The other is a fallback for what the first
/// cannot run: with <c>process</c> first, <c>image</c> steps still go to Docker; with <c>docker</c> first, commands
/// and programs without an image (<c>Runner:Docker:Images:&lt;program&gt;</c>) still run as local processes.
/// The Docker runner is registered only when asked for: <c>Runner:Default=docker</c> or any image mapping.
/// </summary>
public static class RunnerRegistration
{
    public const string Process = "process";
    public const string Docker = "docker";

    public static IServiceCollection AddStepRunners(this IServiceCollection services, IConfiguration configuration)
    {
        var runnerDefault = configuration["Runner:Default"] ?? Process;
        if (runnerDefault is not (Process or Docker))
        {
            throw new InvalidOperationException($"configuration: Runner:Default must be '{Process}' or '{Docker}', not '{runnerDefault}'");
        }

        var docker = new DockerRunnerOptions();
        configuration.GetSection("Runner:Docker").Bind(docker);
        if (runnerDefault == Docker)
        {
            services.AddDockerRunner(docker);
        }

        services.AddSingleton<IStepRunner, ProcessStepRunner>();
        if (runnerDefault == Process && docker.Images.Count > 0)
        {
            services.AddDockerRunner(docker);
        }

        return services;
    }

    public static IServiceCollection AddDockerRunner(this IServiceCollection services, DockerRunnerOptions options)
    {
        if (options.StopGracePeriod < TimeSpan.Zero)
        {
            throw new InvalidOperationException("configuration: Runner:Docker:StopGracePeriod must not be negative");
        }

        services.AddSingleton(options);
        services.AddSingleton<IStepRunner, DockerStepRunner>();
        return services;
    }
}
