namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>
/// Picks the best candidate by the stated rule: the lowest Davies-Bouldin index (compact, well separated
/// clusters; comparable across k, unlike inertia, which always falls as k grows) or the lowest average distance.
/// Ties go to the smaller k.
/// </summary>
internal static class CandidateSelection
{
    public static Candidate Best(IReadOnlyList<Candidate> candidates, string rule) =>
        candidates
            .OrderBy(c => rule == "average-distance" ? c.Quality.AverageDistance : c.Quality.DaviesBouldin)
            .ThenBy(c => c.K)
            .First();

    public static string Describe(string rule) => rule == "average-distance"
        ? "lowest average distance to the centroid, then smallest k"
        : "lowest Davies-Bouldin index, then smallest k";
}
