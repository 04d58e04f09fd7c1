namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>One row as ML.NET reads it; the vector's length is set at run time through the schema definition.</summary>
internal sealed class FeatureVector
{
    public float[] Features { get; set; } = [];
}
