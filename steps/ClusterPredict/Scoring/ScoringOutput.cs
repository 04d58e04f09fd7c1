using Microsoft.ML.Data;

namespace Pipeline.Steps.ClusterPredict.Scoring;

/// <summary>What the KMeans model adds to a row: the 1-based cluster and the squared distance to every centroid.</summary>
internal sealed class ScoringOutput
{
    [ColumnName("PredictedLabel")]
    public uint PredictedLabel { get; set; }

    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
