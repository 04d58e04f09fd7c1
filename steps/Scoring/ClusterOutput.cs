using Microsoft.ML.Data;

namespace Pipeline.Steps.Scoring;

/// <summary>What the KMeans model adds to a row: the 1-based trainer cluster and the squared distance to every centroid.</summary>
public sealed class ClusterOutput
{
    [ColumnName("PredictedLabel")]
    public uint PredictedLabel { get; set; }

    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
