using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// The datasets module's registration: its settings (<c>Datasets</c>, checked on start), receiving, downloading and
/// the dataset triggers. The host adds an <see cref="IDatasetStore"/> and, where runs start, the start-up sweep
/// (<see cref="AddDatasetArrivalSweep"/>).
/// </summary>
public static class DatasetsRegistration
{
    public static IServiceCollection AddPipelineDatasets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<DatasetsOptions>(configuration, "Datasets");
        services.AddSingleton<DatasetReceiver>();
        services.AddSingleton<DatasetTriggers>();
        services.AddSingleton<DatasetDownloader>();
        return services;
    }

    /// <summary>Fires at start-up the triggers a stopped server left unfired, and removes its partial uploads.</summary>
    public static IServiceCollection AddDatasetArrivalSweep(this IServiceCollection services) =>
        services.AddHostedService<UntriggeredDatasetsHostedService>();
}
