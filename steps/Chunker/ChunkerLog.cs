using Microsoft.Extensions.Logging;

namespace Pipeline.Steps.Chunker;

/// <summary>The Chunker's log messages.</summary>
internal static partial class ChunkerLog
{
    [LoggerMessage(100, LogLevel.Information, "read {Input}: {Rows} rows, {Bytes} bytes")]
    public static partial void InputRead(ILogger logger, string input, long rows, long bytes);

    [LoggerMessage(101, LogLevel.Warning, "{Input} (sha256 {Sha256}) was already processed as {FirstPath} at {FirstProcessedAt}")]
    public static partial void AlreadyProcessed(ILogger logger, string input, string sha256, string firstPath, DateTimeOffset firstProcessedAt);

    [LoggerMessage(102, LogLevel.Debug, "{Phase} phase done; memory {Memory}")]
    public static partial void PhaseDone(ILogger logger, string phase, Pipeline.Steps.Formats.Manifest.MemoryMetrics memory);
}
