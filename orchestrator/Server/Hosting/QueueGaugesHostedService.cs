using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Engine.Telemetry;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>Refreshes the active-run and queue-depth gauges from the database, so a scrape never waits on it.</summary>
internal sealed partial class QueueGaugesHostedService(IRunStore runs, QueueGauges gauges, TimeProvider clock, ILogger<QueueGaugesHostedService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(QueueGauges.RefreshInterval, clock);
        do
        {
            try
            {
                gauges.Update(await runs.CountQueuesAsync(clock.GetUtcNow(), stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // The gauges go quiet when their snapshot ages; the engine logs the database's state at length.
                Log.RefreshFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "queue gauges not refreshed: {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string reason);
    }
}
