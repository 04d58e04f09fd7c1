using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// At start-up, removes partial uploads a stopped server left and fires the triggers of datasets it stored but did
/// not get to fire. A database that does not answer yet is logged, not fatal: the next start tries again.
/// </summary>
internal sealed partial class UntriggeredDatasetsHostedService(DatasetTriggers triggers, DatasetReceiver receiver, ILogger<UntriggeredDatasetsHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            receiver.RemoveLeftovers();
        }
        catch (IOException e)
        {
            Log.LeftoversNotRemoved(logger, e.Message);
        }

        try
        {
            await triggers.FireUntriggeredAsync(stoppingToken);
        }
        catch (OrchestratorStoreException e)
        {
            Log.SweepFailed(logger, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "could not fire the triggers of datasets stored before a restart: {Reason}")]
        public static partial void SweepFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "could not remove partial dataset uploads left by a stopped server: {Reason}")]
        public static partial void LeftoversNotRemoved(ILogger logger, string reason);
    }
}
