namespace Pipeline.Steps.ClusterPredict.Scoring;

/// <summary>The cluster (stable id) and distance of each feature-table row that could be scored.</summary>
internal sealed record ClusterAssignments(int[] Rows, int[] Clusters, double[] Distances, int Unassigned)
{
    public long[] CountPerCluster(int k)
    {
        var counts = new long[k];
        foreach (var cluster in Clusters)
        {
            counts[cluster]++;
        }

        return counts;
    }
}
