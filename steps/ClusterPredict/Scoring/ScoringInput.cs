namespace Pipeline.Steps.ClusterPredict.Scoring;

/// <summary>One row as the model reads it; the vector's width is set through the schema definition.</summary>
internal sealed class ScoringInput
{
    public float[] Features { get; set; } = [];
}
