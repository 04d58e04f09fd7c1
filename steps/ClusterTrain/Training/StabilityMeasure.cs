using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>
/// Measures a new version against the production version on the new version's training rows: each row is assigned
/// by the new model (its stable id) and by the production version (its nearest centroid in production's scaling, as
/// its model would score it); then the adjusted Rand index of the two groupings, the share of rows whose id changed
/// and how far each stable cluster's centroid moved. Only comparable with the same features.
/// </summary>
internal static class StabilityMeasure
{
    public static ClusterStability? Measure(TrainingSet set, Candidate best, int[] ids, ModelVersion? production)
    {
        if (production is null || !production.Features.SequenceEqual(set.Table.Features, StringComparer.Ordinal) || set.Rows.Length == 0)
        {
            return null;
        }

        var rows = set.Rows.Length;
        var newIds = new int[rows];
        var oldIds = new int[rows];
        var moved = 0;
        for (var r = 0; r < rows; r++)
        {
            newIds[r] = ids[best.Assignments[r]];
            oldIds[r] = Nearest(Array.ConvertAll(set.Rows[r], v => (double)v), production.Centroids, production.Scaling);
            moved += newIds[r] == oldIds[r] ? 0 : 1;
        }

        var shifts = new List<ClusterShift>();
        for (var i = 0; i < best.K; i++)
        {
            if (ids[i] < production.K)
            {
                shifts.Add(new ClusterShift(ids[i], Math.Sqrt(ScaledDistance.Squared(best.Centroids[i], production.Centroids[ids[i]], production.Scaling))));
            }
        }

        return new ClusterStability(
            production.Version, rows, AdjustedRandIndex(newIds, oldIds, best.K, production.K), (double)moved / rows, [.. shifts.OrderBy(s => s.Cluster)]);
    }

    /// <summary>Hubert and Arabie's adjusted Rand index from the contingency table; 1 when both put every row in one cluster.</summary>
    public static double AdjustedRandIndex(int[] a, int[] b, int kA, int kB)
    {
        var table = new long[kA, kB];
        var rowSums = new long[kA];
        var columnSums = new long[kB];
        for (var i = 0; i < a.Length; i++)
        {
            table[a[i], b[i]]++;
            rowSums[a[i]]++;
            columnSums[b[i]]++;
        }

        var index = 0.0;
        foreach (var n in table)
        {
            index += Pairs(n);
        }

        var rowPairs = rowSums.Sum(Pairs);
        var columnPairs = columnSums.Sum(Pairs);
        var expected = rowPairs * columnPairs / Pairs(a.Length);
        var max = (rowPairs + columnPairs) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static double Pairs(long n) => n * (n - 1) / 2.0;

    private static int Nearest(double[] row, IReadOnlyList<double[]> centroids, FeatureScaling scaling)
    {
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var c = 0; c < centroids.Count; c++)
        {
            var distance = ScaledDistance.Squared(row, centroids[c], scaling);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (c, distance);
            }
        }

        return best;
    }
}
