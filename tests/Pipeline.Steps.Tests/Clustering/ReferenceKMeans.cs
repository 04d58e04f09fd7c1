namespace Pipeline.Steps.Tests.Clustering;

/// <summary>
/// An independent KMeans (k-means++ seeding, then Lloyd's iterations) in plain C#, the reference ClusterTrain's
/// quality is checked against: the best inertia of several restarts.
/// </summary>
public static class ReferenceKMeans
{
    public static double BestInertia(double[][] rows, int k, int restarts, int seed)
    {
        var best = double.MaxValue;
        for (var r = 0; r < restarts; r++)
        {
            best = Math.Min(best, Run(rows, k, new Random(seed + r)));
        }

        return best;
    }

    private static double Run(double[][] rows, int k, Random random)
    {
        var centroids = new List<double[]> { rows[random.Next(rows.Length)] };
        while (centroids.Count < k)
        {
            var weights = rows.Select(row => centroids.Min(c => Squared(row, c))).ToArray();
            var pick = random.NextDouble() * weights.Sum();
            var i = 0;
            while (i < rows.Length - 1 && (pick -= weights[i]) > 0)
            {
                i++;
            }

            centroids.Add(rows[i]);
        }

        var centres = centroids.Select(c => (double[])c.Clone()).ToArray();
        var inertia = double.MaxValue;
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var assignment = rows.Select(row => Enumerable.Range(0, k).MinBy(c => Squared(row, centres[c]))).ToArray();
            var next = rows.Select((row, i) => Squared(row, centres[assignment[i]])).Sum();
            for (var c = 0; c < k; c++)
            {
                var members = rows.Where((_, i) => assignment[i] == c).ToArray();
                if (members.Length > 0)
                {
                    centres[c] = [.. Enumerable.Range(0, rows[0].Length).Select(f => members.Average(m => m[f]))];
                }
            }

            if (inertia - next < 1e-9)
            {
                return next;
            }

            inertia = next;
        }

        return inertia;
    }

    private static double Squared(double[] a, double[] b) => a.Zip(b, (x, y) => (x - y) * (x - y)).Sum();
}
