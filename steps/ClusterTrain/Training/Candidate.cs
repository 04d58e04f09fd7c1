using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>One trained KMeans model and how good it is on the training rows.</summary>
internal sealed record Candidate
{
    public required int K { get; init; }

    public required int Seed { get; init; }

    public required byte[] Model { get; init; }

    public required FeatureScaling Scaling { get; init; }

    /// <summary>Centroids as the trainer numbers them (0-based), in the features' own units.</summary>
    public required double[][] Centroids { get; init; }

    /// <summary>The trainer's cluster index of each training row.</summary>
    public required int[] Assignments { get; init; }

    public required ModelQuality Quality { get; init; }

    public required double FitMilliseconds { get; init; }

    public long[] Sizes()
    {
        var sizes = new long[K];
        foreach (var cluster in Assignments)
        {
            sizes[cluster]++;
        }

        return sizes;
    }
}
