using Microsoft.Extensions.Logging;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>ClusterPredict's log messages.</summary>
internal static partial class ClusterPredictLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "predicting with model family {Family}: {Reason}")]
    public static partial void Family(ILogger logger, string family, string reason);
}
