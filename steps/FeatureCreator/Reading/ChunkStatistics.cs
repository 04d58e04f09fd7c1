using Parquet;
using Parquet.Schema;

namespace Pipeline.Steps.FeatureCreator.Reading;

/// <summary>Uses row-group statistics to skip decoding a column whose every value is known to be the same.</summary>
internal static class ChunkStatistics
{
    /// <summary>
    /// The single value of a string column when its exact min and max agree and it has no nulls (the Chunker's
    /// one-sensor files), else null. Strings are by far the slowest column to decode, so skipping them pays.
    /// Truncated statistics cannot fool it: writers mark them inexact, and a truncated max is rounded up past the min.
    /// </summary>
    public static string? ConstantString(ParquetRowGroupReader rowGroup, DataField field)
    {
        var raw = rowGroup.GetMetadata(field)?.MetaData?.Statistics;
        if (raw is null || raw.IsMinValueExact == false || raw.IsMaxValueExact == false)
        {
            return null;
        }

        try
        {
            var stats = rowGroup.GetStatistics(field);
            var nulls = stats?.NullCount ?? (field.IsNullable ? -1 : 0);
            return stats is { MinValue: string min, MaxValue: string max } && nulls == 0 && string.Equals(min, max, StringComparison.Ordinal)
                ? min
                : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Unreadable statistics only cost the fast path: the column is then decoded.
            return null;
        }
    }

    /// <summary>
    /// The single day of a DATE column when its min and max agree and it has no nulls (every file of one-day chunks),
    /// else null: filling the buffer with it is cheaper than decoding the column, a day number per row.
    /// </summary>
    public static DateOnly? ConstantDate(ParquetRowGroupReader rowGroup, DataField field)
    {
        try
        {
            var stats = rowGroup.GetStatistics(field);
            var nulls = stats?.NullCount ?? (field.IsNullable ? -1 : 0);
            return nulls == 0 && AsDate(stats?.MinValue) is { } min && AsDate(stats?.MaxValue) == min ? min : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Parquet.Net 6.1 returns DATE statistics as the raw INT32, days since the Unix epoch.</summary>
    private static DateOnly? AsDate(object? value) => value switch
    {
        int days => DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(days),
        DateOnly date => date,
        DateTime time when time.TimeOfDay == TimeSpan.Zero => DateOnly.FromDateTime(time),
        _ => null,
    };
}
