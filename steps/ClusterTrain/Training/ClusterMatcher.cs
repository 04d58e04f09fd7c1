using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>
/// Gives a new model's clusters stable ids. With a parent (the production version, same features), each cluster
/// takes the id of the parent centroid it is matched to, by the assignment with the least total squared distance
/// (measured in the new model's scaling, so every feature weighs the same); clusters without a parent match take
/// the free ids in order. Without a parent, ids follow the centroids in lexicographic order of their features,
/// so even the first version's numbering is a property of the data, not of the random start.
/// </summary>
internal static class ClusterMatcher
{
    /// <summary>Stable id of each of the candidate's clusters, and the reason for the numbering.</summary>
    public static (int[] Ids, string Basis) Match(Candidate candidate, ModelVersion? parent, IReadOnlyList<string> features)
    {
        if (parent is null)
        {
            return (ByCentroidOrder(candidate.Centroids), "no production version: ids in order of the centroids' features");
        }

        if (!parent.Features.SequenceEqual(features))
        {
            return (ByCentroidOrder(candidate.Centroids), $"features differ from production version {parent.Version}: ids in order of the centroids' features");
        }

        var k = candidate.K;
        var n = Math.Max(k, parent.K);
        var cost = new double[n, n];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < parent.K; j++)
            {
                cost[i, j] = ScaledDistance.Squared(candidate.Centroids[i], parent.Centroids[j], candidate.Scaling);
            }
        }

        var matched = HungarianAssignment.Solve(cost);
        var ids = Enumerable.Repeat(-1, k).ToArray();
        for (var i = 0; i < k; i++)
        {
            if (matched[i] < Math.Min(k, parent.K))
            {
                ids[i] = matched[i];
            }
        }

        var free = new Queue<int>(Enumerable.Range(0, k).Except(ids));
        for (var i = 0; i < k; i++)
        {
            if (ids[i] < 0)
            {
                ids[i] = free.Dequeue();
            }
        }

        return (ids, $"matched to the centroids of production version {parent.Version}");
    }

    private static int[] ByCentroidOrder(double[][] centroids)
    {
        var order = Enumerable.Range(0, centroids.Length)
            .Order(Comparer<int>.Create((a, b) => CompareLexicographically(centroids[a], centroids[b])))
            .ToArray();
        var ids = new int[centroids.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            ids[order[rank]] = rank;
        }

        return ids;
    }

    private static int CompareLexicographically(double[] a, double[] b)
    {
        for (var f = 0; f < a.Length; f++)
        {
            var c = a[f].CompareTo(b[f]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
