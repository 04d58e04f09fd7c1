using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// The container runner's registration: its settings (<c>Runner:Docker</c>, checked on start) and the runner, which
/// connects to the Docker Engine on first use (a server without one starts; only its container steps fail). Where it
/// stands among the runners is the host's choice, so it is registered as <see cref="DockerStepRunner"/>.
/// </summary>
public static class DockerRunnerRegistration
{
    public static IServiceCollection AddDockerRunner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<DockerRunnerOptions>(configuration, "Runner:Docker");
        services.AddSingleton<DockerStepRunner>();
        return services;
    }
}
