
namespace Pipeline.Steps.Formats.Registry;

/// <summary>
/// The metadata of one registered model version (<c>metadata.json</c> beside <c>model.zip</c>). Cluster ids here are
/// the stable ids: <see cref="ClusterSizes"/> and <see cref="Centroids"/> are indexed by them, and
/// <see cref="ClusterIds"/> maps the trainer's own cluster index to them.
/// </summary>
public sealed record ModelVersion
{
    public int Version { get; init; }

    /// <summary>The production version this one was trained after and matched to; null for the first.</summary>
    public int? ParentVersion { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Trainer { get; init; }

    public required TrainingData Training { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The model family (a registry under <c>families/</c>) the version belongs to; null when registered outside one.</summary>
    public string? Family { get; init; }

    /// <summary>Feature columns of the input left out of the default set, each with why; null when the features were named.</summary>
    public IReadOnlyList<ExcludedFeature>? ExcludedFeatures { get; init; }

    public required FeatureScaling Scaling { get; init; }

    public required int K { get; init; }

    public required int Seed { get; init; }

    public required ModelQuality Quality { get; init; }

    /// <summary>Training rows per stable cluster id.</summary>
    public required IReadOnlyList<long> ClusterSizes { get; init; }

    /// <summary>Centroid of each stable cluster id, in the features' own units.</summary>
    public required IReadOnlyList<double[]> Centroids { get; init; }

    /// <summary>Stable cluster id of the trainer's cluster index i (0-based).</summary>
    public required IReadOnlyList<int> ClusterIds { get; init; }

    public ModelFile? Model { get; init; }

    public required PromotionDecision Promotion { get; init; }

    /// <summary>Against the production version on the same rows; null for a first version or one with other features.</summary>
    public ClusterStability? Stability { get; init; }

    /// <summary>The training run behind this version; null in versions registered before runs were recorded.</summary>
    public TrainingExperiment? Experiment { get; init; }
}

/// <summary>What a version was trained on.</summary>
public sealed record TrainingData(string Input, long Rows, long RowsSkipped, DateOnly? FirstDay, DateOnly? LastDay, int Sensors)
{
    /// <summary>The day partitions of a features asset it was trained on, each with its content hash then; null when its input was one table.</summary>
    public IReadOnlyList<Manifest.PartitionInput>? Partitions { get; init; }
}

/// <summary>How features are scaled before clustering: scaled = (value - offset) * scale, per feature.</summary>
public sealed record FeatureScaling(string Method, IReadOnlyList<double> Offsets, IReadOnlyList<double> Scales);

/// <summary>Clustering quality on the training rows; lower is better for all three.</summary>
public sealed record ModelQuality(double DaviesBouldin, double AverageDistance, double Inertia);

/// <summary>The model file of a version and its SHA-256, checked on every load.</summary>
public sealed record ModelFile(string File, string Sha256, long Bytes);

/// <summary>Whether the version became production when registered, and why (or why not).</summary>
public sealed record PromotionDecision(bool Promoted, string Reason);

/// <summary>
/// The production pointer (<c>production.json</c>), also each line of the promotion history
/// (<c>promotions.jsonl</c>): which version, when, why, and who (null: the trainer's own decision).
/// </summary>
public sealed record ProductionPointer(int Version, DateTimeOffset PromotedAt, string Reason)
{
    public string? PromotedBy { get; init; }
}
