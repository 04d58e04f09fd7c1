
namespace Pipeline.Steps.Formats.Registry;

/// <summary>
/// The training run that produced a version: what it was asked to do, what it read, every candidate it compared and
/// where it ran. Kept in the version's <c>metadata.json</c>, so it is registered (and renamed into place) together
/// with the version it explains; versions registered before experiments were recorded have none.
/// </summary>
public sealed record TrainingExperiment
{
    public required ExperimentParameters Parameters { get; init; }

    public required ExperimentMetrics Metrics { get; init; }

    /// <summary>Every candidate trained, by ascending k; exactly one is <see cref="ExperimentCandidate.Chosen"/>.</summary>
    public required IReadOnlyList<ExperimentCandidate> Candidates { get; init; }

    /// <summary>The orchestrator run, step and attempt that trained it; null when the trainer was run by hand.</summary>
    public RunAttempt? Run { get; init; }
}

/// <summary>
/// The trainer's settings that shape the result. <see cref="Features"/> are the columns actually used (the default
/// picks them from the table); <see cref="Input"/> is the input as given. The number of workers is left out: it
/// changes how long training takes, never what it finds.
/// </summary>
public sealed record ExperimentParameters(
    IReadOnlyList<int> K,
    int Seed,
    int Restarts,
    int MaxIterations,
    string Scaling,
    string Selection,
    string Promote,
    double MaxDegradation,
    IReadOnlyList<string> Features,
    string Input)
{
    /// <summary>The share of missing rows past which a default feature was left out; null when features were named, or before it existed.</summary>
    public double? MaxMissingShare { get; init; }

    /// <summary>The promotion rule's limit on rows changing cluster (1: none); null in versions from before it existed.</summary>
    public double? MaxMovedShare { get; init; }
}

/// <summary>Rows the run read, trained on and skipped, and the milliseconds of its phases before registration.</summary>
public sealed record ExperimentMetrics(long RowsRead, long RowsTrained, long RowsSkipped, IReadOnlyDictionary<string, double> TimingsMs);

/// <summary>
/// One candidate model of the comparison. Cluster sizes are by the trainer's own cluster index (only the chosen
/// candidate is matched to stable ids, in the version's <see cref="ModelVersion.ClusterSizes"/>).
/// </summary>
public sealed record ExperimentCandidate(int K, int Seed, double FitMs, ModelQuality Quality, IReadOnlyList<long> ClusterSizes, bool Chosen);
