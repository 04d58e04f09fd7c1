using Pipeline.Steps.Features;
using Pipeline.Steps.Scoring;

namespace Pipeline.Steps.ClusterPredict.Scoring;

/// <summary>
/// Scores the feature table with a loaded model version. Rows with a missing feature cannot be placed and are
/// counted as unassigned.
/// </summary>
internal static class ModelScorer
{
    public static ClusterAssignments Score(FeatureTable table, ClusterModel model)
    {
        var rows = table.CompleteRows();
        var scored = model.ScoreAll(rows.Select(table.Vector));
        var clusters = new int[rows.Length];
        var distances = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            (clusters[i], distances[i]) = scored[i];
        }

        return new ClusterAssignments(rows, clusters, distances, table.Rows - rows.Length);
    }
}
