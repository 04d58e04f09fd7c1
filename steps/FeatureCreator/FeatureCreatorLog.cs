using Microsoft.Extensions.Logging;

namespace Pipeline.Steps.FeatureCreator;

/// <summary>Log messages of the FeatureCreator (source-generated for speed and stable event ids).</summary>
internal static partial class FeatureCreatorLog
{
    [LoggerMessage(101, LogLevel.Information, "reading {Files} chunk files with {Workers} workers; value columns: {Columns}")]
    public static partial void Reading(ILogger logger, int files, int workers, string columns);

    [LoggerMessage(102, LogLevel.Information, "read {Rows} rows into {Groups} sensor-days")]
    public static partial void Aggregated(ILogger logger, long rows, long groups);

    [LoggerMessage(105, LogLevel.Information, "the {Files} input files are in no day order (a file holds a day an earlier file's days came after); reading them again, holding every sensor-day at once")]
    public static partial void Unordered(ILogger logger, int files);

    [LoggerMessage(103, LogLevel.Warning, "feature history {Path} is unreadable ({Reason}); moved to {MovedTo}, drift has no baseline this run")]
    public static partial void HistoryCorrupt(ILogger logger, string path, string reason, string movedTo);

    [LoggerMessage(104, LogLevel.Warning, "feature {Feature} drifted: mean {Mean} is {ZScore:F2} baseline standard deviations from {BaselineMean}")]
    public static partial void Drifted(ILogger logger, string feature, double? mean, double? zScore, double? baselineMean);
}
