namespace Pipeline.Benchmarks.Ingest;

/// <summary>Combines one side's rounds into one result: the median of each figure on its own.</summary>
internal static class SideMedian
{
    public static SideResult Of(IReadOnlyList<SideResult> rounds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        if (rounds.Count == 1)
        {
            return rounds[0];
        }

        var last = rounds[^1];
        return last with
        {
            ChunkMs = Median(rounds.Select(r => r.ChunkMs)),
            FeatureMs = Median(rounds.Select(r => r.FeatureMs)),
            TotalMs = Median(rounds.Select(r => r.TotalMs)),
            PeakMemoryBytes = (long)Median(rounds.Select(r => (double)r.PeakMemoryBytes)),
            ChunkPeakMemoryBytes = MedianOrNull(rounds.Select(r => r.ChunkPeakMemoryBytes)),
            FeaturePeakMemoryBytes = MedianOrNull(rounds.Select(r => r.FeaturePeakMemoryBytes)),
            DetailMs = last.DetailMs.Keys.ToDictionary(
                k => k, k => Median(rounds.Select(r => r.DetailMs.GetValueOrDefault(k))), StringComparer.Ordinal),
        };
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static long? MedianOrNull(IEnumerable<long?> values)
    {
        var present = values.OfType<long>().Select(v => (double)v).ToList();
        return present.Count == 0 ? null : (long)Median(present);
    }
}
