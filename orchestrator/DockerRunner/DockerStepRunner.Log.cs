using Microsoft.Extensions.Logging;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>The container runner's log messages, source-generated.</summary>
public sealed partial class DockerStepRunner
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "attempt {Attempt} runs in container {ContainerId} ({Image}, adopted: {Adopted})")]
        public static partial void Started(ILogger logger, string attempt, string containerId, string image, bool adopted);

        [LoggerMessage(2, LogLevel.Information, "attempt {Attempt}: container {ContainerId} stopped")]
        public static partial void Stopped(ILogger logger, string attempt, string containerId);

        [LoggerMessage(3, LogLevel.Warning, "attempt {Attempt}: container {ContainerId} could not be stopped: {Reason}")]
        public static partial void StopFailed(ILogger logger, string attempt, string containerId, string reason);

        [LoggerMessage(4, LogLevel.Warning, "container {ContainerId} could not be removed: {Reason}")]
        public static partial void RemoveFailed(ILogger logger, string containerId, string reason);

        [LoggerMessage(5, LogLevel.Warning, "attempt {Attempt}: {Error}")]
        public static partial void Failed(ILogger logger, string attempt, string error);
    }
}
