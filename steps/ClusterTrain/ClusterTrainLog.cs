using Microsoft.Extensions.Logging;

namespace Pipeline.Steps.ClusterTrain;

/// <summary>ClusterTrain's log messages.</summary>
internal static partial class ClusterTrainLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "registered model version {Version} (k = {K}); promoted: {Promoted} ({Reason})")]
    public static partial void Registered(ILogger logger, int version, int k, bool promoted, string reason);
}
