
namespace Pipeline.Steps.Formats.Registry;

/// <summary>How many rows one cluster has, and their share of all rows: the cluster distribution in manifests.</summary>
public sealed record ClusterShare(int Cluster, long Count, double Share)
{
    /// <summary>The distribution of <paramref name="counts"/>, indexed by stable cluster id.</summary>
    public static IReadOnlyList<ClusterShare> Of(IReadOnlyList<long> counts)
    {
        var total = counts.Sum();
        return [.. counts.Select((count, cluster) => new ClusterShare(cluster, count, total == 0 ? 0 : (double)count / total))];
    }
}
