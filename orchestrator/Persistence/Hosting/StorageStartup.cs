using Microsoft.Extensions.Logging;

namespace Pipeline.Orchestrator.Persistence.Hosting;

/// <summary>Brings the database schema up to date before anything reads or writes it.</summary>
public sealed partial class StorageStartup(OrchestratorDatabase database, ILogger<StorageStartup> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await database.MigrateAsync(cancellationToken);
        Log.Ready(logger, database.Endpoint, applied.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "database {Endpoint} ready ({Applied} migrations applied now)")]
        public static partial void Ready(ILogger logger, string endpoint, int applied);
    }
}
