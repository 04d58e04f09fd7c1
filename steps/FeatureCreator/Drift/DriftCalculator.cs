using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.FeatureCreator.Drift;

/// <summary>Compares each feature's mean with a baseline pooled from the last runs of the history.</summary>
internal static class DriftCalculator
{
    public static Dictionary<string, DriftResult> Compute(
        IReadOnlyDictionary<string, FeatureStat> current, IReadOnlyList<FeatureRun> history, int window, double threshold)
    {
        var recent = history.Skip(Math.Max(0, history.Count - window)).ToArray();
        var result = new Dictionary<string, DriftResult>(StringComparer.Ordinal);
        foreach (var (name, stat) in current)
        {
            var earlier = recent
                .Select(r => r.Features.GetValueOrDefault(name))
                .OfType<FeatureStat>()
                .Where(s => s is { Count: > 0, Mean: not null })
                .ToArray();
            var (baselineMean, baselineStd) = Pool(earlier);
            double? z = stat.Mean is { } mean && baselineMean is { } center && baselineStd is > 0 and var spread
                ? (mean - center) / spread
                : null;
            result[name] = new DriftResult(stat.Mean, baselineMean, baselineStd, z, earlier.Length, z is { } v && Math.Abs(v) >= threshold);
        }

        return result;
    }

    /// <summary>
    /// Mean and standard deviation of all values behind the summaries taken together: the within-run sums of
    /// squares plus each run's squared distance from the pooled mean.
    /// </summary>
    public static (double? Mean, double? Std) Pool(IReadOnlyList<FeatureStat> runs)
    {
        long n = runs.Sum(r => r.Count);
        if (n == 0)
        {
            return (null, null);
        }

        var mean = runs.Sum(r => r.Count * r.Mean!.Value) / n;
        if (n < 2)
        {
            return (mean, null);
        }

        var squares = runs.Sum(r => ((r.Count - 1) * (r.Std ?? 0) * (r.Std ?? 0)) + (r.Count * (r.Mean!.Value - mean) * (r.Mean!.Value - mean)));
        return (mean, Math.Sqrt(squares / (n - 1)));
    }
}
