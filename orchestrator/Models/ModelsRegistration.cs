using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.Models;

/// <summary>The models module's registration: its settings (<c>Models</c>), the registries and online prediction.</summary>
public static class ModelsRegistration
{
    public static IServiceCollection AddPipelineModels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<ModelsOptions>(configuration, "Models");
        services.AddSingleton<ModelRegistries>();
        services.AddSingleton<OnlineModels>();
        services.AddSingleton<ModelsTrainedOn>();
        return services;
    }
}
