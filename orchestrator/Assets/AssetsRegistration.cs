using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Engine.Execution;

namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// The assets module's registration: recording the partitions steps report (an <see cref="IAttemptOutputRecorder"/>
/// the engine calls), verifying them against the disk, and the catalog's metrics. The host adds an
/// <see cref="IAssetStore"/> and, where the server reports metrics, the gauges' refresh (<see cref="AddAssetGauges"/>).
/// </summary>
public static class AssetsRegistration
{
    public static IServiceCollection AddPipelineAssets(this IServiceCollection services)
    {
        services.AddSingleton<AssetMetrics>();
        services.AddSingleton<AssetVerifier>();
        services.AddSingleton<IAttemptOutputRecorder, ManifestAssetRecorder>();
        return services;
    }

    /// <summary>Refreshes the asset gauges from the catalog in the background.</summary>
    public static IServiceCollection AddAssetGauges(this IServiceCollection services) =>
        services.AddHostedService<AssetGaugesHostedService>();
}
