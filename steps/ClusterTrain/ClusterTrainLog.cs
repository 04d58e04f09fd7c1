using Microsoft.Extensions.Logging;

namespace Pipeline.Steps.ClusterTrain;

/// <summary>ClusterTrain's log messages.</summary>
internal static partial class ClusterTrainLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "registered model version {Version} (k = {K}); promoted: {Promoted} ({Reason})")]
    public static partial void Registered(ILogger logger, int version, int k, bool promoted, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "training on {Partitions} day partitions, {First} to {Last}: {Rows} sensor-days")]
    public static partial void Window(ILogger logger, int partitions, string first, string last, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "feature {Feature} left out: it {Reason}")]
    public static partial void FeatureExcluded(ILogger logger, string feature, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "model family {Family}: {Reason}")]
    public static partial void Family(ILogger logger, string family, string reason);
}
