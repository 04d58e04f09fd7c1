using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pipeline.Orchestrator.Assets;

/// <summary>Refreshes the asset gauges' snapshot from the catalog every <see cref="AssetMetrics.RefreshInterval"/>, so a scrape never waits on the database.</summary>
internal sealed partial class AssetGaugesHostedService(IAssetStore store, AssetMetrics metrics, TimeProvider clock, ILogger<AssetGaugesHostedService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(AssetMetrics.RefreshInterval, clock);
        do
        {
            try
            {
                metrics.Update(await store.SummariesAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                Log.RefreshFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "asset gauges not refreshed: {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string reason);
    }
}
