using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Steps.FeatureCreator.Aggregation;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// Readings far outside the rest of their column (a sensor reporting -999 or 1e9), counted per value column over the
/// run's readings with Iglewicz and Hoaglin's robust z-score, 0.6745 × |x − median| / MAD, which a few wild values
/// cannot drag the way they drag a mean and standard deviation; where over half the readings are equal (MAD 0, a rain
/// gauge) the mean absolute deviation × 1.2533 stands in. Counted; kept out of the features only with
/// <c>--exclude-outliers</c>, which reads the readings twice (the bounds first, then the features within them).
/// </summary>
internal static class OutlierReport
{
    public static string Rule(double z, bool excluded) => string.Create(CultureInfo.InvariantCulture,
        $"robust z-score above {z:0.###}: 0.6745 × |x − median| / MAD per value column over the run's readings (mean absolute deviation × 1.2533 where the MAD is 0), from a log-scale histogram; {(excluded ? "left out of the features, as missing readings" : "counted, kept in the features")}");

    /// <summary>Each column's median, MAD and bounds (none when every reading is the same, or there are none).</summary>
    public static Dictionary<string, ColumnOutliers> Measure(IReadOnlyDictionary<string, ValueHistogram> histograms, IReadOnlyList<string> columns, double z)
    {
        var measured = new Dictionary<string, ColumnOutliers>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (!histograms.TryGetValue(column, out var histogram) || histogram.Count == 0)
            {
                measured[column] = new ColumnOutliers(0, double.NaN, double.NaN, null, 0);
                continue;
            }

            var median = histogram.Median();
            var (mad, meanDeviation) = histogram.AbsoluteDeviations(median);
            var spread = mad > 0 ? mad / 0.6745 : meanDeviation * 1.2533;
            if (spread > 0)
            {
                var bounds = (median - (z * spread), median + (z * spread));
                measured[column] = new ColumnOutliers(histogram.Count, median, mad, bounds, histogram.CountOutside(bounds.Item1, bounds.Item2));
            }
            else
            {
                measured[column] = new ColumnOutliers(histogram.Count, median, mad, null, 0);
            }
        }

        return measured;
    }

    /// <summary>The manifest's <c>outliers</c>: per column, readings, count, share, median, MAD and bounds; null when <paramref name="z"/> is 0 (off).</summary>
    public static JsonObject? Build(IReadOnlyDictionary<string, ValueHistogram> histograms, IReadOnlyList<string> columns, double z)
    {
        if (z <= 0)
        {
            return null;
        }

        var report = new JsonObject();
        foreach (var (column, o) in Measure(histograms, columns, z))
        {
            var entry = new JsonObject { ["readings"] = o.Readings, ["count"] = o.Count };
            if (o.Readings > 0)
            {
                entry["share"] = (double)o.Count / o.Readings;
                entry["median"] = o.Median;
                entry["mad"] = o.Mad;
            }

            if (o.Bounds is var (low, high))
            {
                entry["low"] = low;
                entry["high"] = high;
            }

            report[column] = entry;
        }

        return report;
    }

    /// <summary>The bounds of every column that has them, for reading the features again within them.</summary>
    public static Dictionary<string, (double Low, double High)> Bounds(IReadOnlyDictionary<string, ValueHistogram> histograms, IReadOnlyList<string> columns, double z) =>
        Measure(histograms, columns, z).Where(m => m.Value.Bounds is not null).ToDictionary(m => m.Key, m => m.Value.Bounds!.Value, StringComparer.Ordinal);
}

/// <summary>One column's readings against the outlier rule: how many, the median and MAD, the bounds kept, and how many lie outside.</summary>
internal sealed record ColumnOutliers(long Readings, double Median, double Mad, (double Low, double High)? Bounds, long Count);
