namespace Pipeline.Steps.Scoring;

/// <summary>One row as the model reads it: the features in the version's order (the width is set by <see cref="ClusterModel"/>).</summary>
public sealed class ClusterInput
{
    public float[] Features { get; set; } = [];
}
