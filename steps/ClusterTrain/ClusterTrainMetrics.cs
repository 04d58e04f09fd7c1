using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterTrain;

/// <summary>What ClusterTrain reports in its manifest.</summary>
internal sealed record ClusterTrainMetrics
{
    public required long RowsRead { get; init; }

    public required long RowsTrained { get; init; }

    /// <summary>Rows with a missing or non-finite feature, left out of training.</summary>
    public required long RowsSkipped { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>Columns left out of the default feature set, each with its rule and reason; null when --features named them.</summary>
    public IReadOnlyList<ExcludedFeature>? ExcludedFeatures { get; init; }

    /// <summary>The model family registered in (--family); null without one.</summary>
    public string? Family { get; init; }

    public required string Scaling { get; init; }

    public required string SelectionRule { get; init; }

    public required IReadOnlyList<CandidateReport> Candidates { get; init; }

    public required RegisteredModel Model { get; init; }

    /// <summary>Against the production version on the training rows; null without one with the same features.</summary>
    public ClusterStability? Stability { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<ClusterShare>> ClusterDistribution { get; init; }

    public required IReadOnlyDictionary<string, DataShape> Shapes { get; init; }

    public required MemoryMetrics Memory { get; init; }
}

/// <summary>One candidate of the comparison; cluster sizes by the trainer's own cluster index.</summary>
internal sealed record CandidateReport(int K, int Seed, double FitMs, double DaviesBouldin, double AverageDistance, double Inertia, IReadOnlyList<long> ClusterSizes, bool Chosen);

/// <summary>The version registered by this run and what became of it.</summary>
internal sealed record RegisteredModel(int Version, int? ParentVersion, int K, bool Promoted, string PromotionReason, string ClusterIds, int? ProductionVersion, string Registry);
