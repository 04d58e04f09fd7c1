using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Steps.FeatureCreator.Aggregation;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// Readings far outside the rest of their column (a sensor reporting -999 or 1e9), counted per value column over the
/// run's readings with Iglewicz and Hoaglin's robust z-score, 0.6745 × |x − median| / MAD, which a few wild values
/// cannot drag the way they drag a mean and standard deviation; where over half the readings are equal (MAD 0, a rain
/// gauge) the mean absolute deviation × 1.2533 stands in. Counted, never removed: the features are unchanged.
/// </summary>
internal static class OutlierReport
{
    public static string Rule(double z) => string.Create(CultureInfo.InvariantCulture,
        $"robust z-score above {z:0.###}: 0.6745 × |x − median| / MAD per value column over the run's readings (mean absolute deviation × 1.2533 where the MAD is 0), from a log-scale histogram");

    /// <summary>Per column: outliers, their share of the finite readings, the median, the MAD and the bounds; null when <paramref name="z"/> is 0 (off).</summary>
    public static JsonObject? Build(IReadOnlyDictionary<string, ValueHistogram> histograms, IReadOnlyList<string> columns, double z)
    {
        if (z <= 0)
        {
            return null;
        }

        var report = new JsonObject();
        foreach (var column in columns)
        {
            if (!histograms.TryGetValue(column, out var histogram) || histogram.Count == 0)
            {
                report[column] = new JsonObject { ["readings"] = 0, ["count"] = 0 };
                continue;
            }

            var median = histogram.Median();
            var (mad, meanDeviation) = histogram.AbsoluteDeviations(median);
            var spread = mad > 0 ? mad / 0.6745 : meanDeviation * 1.2533;
            var entry = new JsonObject { ["readings"] = histogram.Count, ["median"] = median, ["mad"] = mad };
            if (spread > 0)
            {
                var (low, high) = (median - (z * spread), median + (z * spread));
                var count = histogram.CountOutside(low, high);
                entry["count"] = count;
                entry["share"] = (double)count / histogram.Count;
                entry["low"] = low;
                entry["high"] = high;
            }
            else
            {
                // Every reading the same: nothing lies outside.
                entry["count"] = 0;
                entry["share"] = 0.0;
            }

            report[column] = entry;
        }

        return report;
    }
}
