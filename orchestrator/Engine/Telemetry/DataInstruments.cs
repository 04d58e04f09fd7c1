namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// The data gauges: OpenTelemetry name, unit and description. Each holds, per workflow and step, what the latest
/// successful attempt's manifest said; a new attempt replaces all of its step's values (an older model version's
/// clusters disappear rather than piling up series).
/// </summary>
public static class DataInstruments
{
    public const string Rows = "pipeline.data.rows";
    public const string Columns = "pipeline.data.columns";
    public const string StepRows = "pipeline.step.rows";
    public const string Memory = "pipeline.step.memory";
    public const string PhaseDuration = "pipeline.step.phase_duration";
    public const string LastSuccess = "pipeline.step.last_success_timestamp";
    public const string ClusterSize = "pipeline.model.cluster_size";
    public const string ClusterShare = "pipeline.model.cluster_share";
    public const string AdjustedRandIndex = "pipeline.model.adjusted_rand_index";
    public const string MovedShare = "pipeline.model.moved_share";
    public const string CentroidShift = "pipeline.model.centroid_shift";
    public const string FeatureMean = "pipeline.feature.mean";
    public const string FeatureStd = "pipeline.feature.std";
    public const string FeatureDrift = "pipeline.feature.drift_zscore";
    public const string FeatureDrifted = "pipeline.feature.drifted";

    /// <summary>Every gauge with its unit (null: none) and description.</summary>
    public static readonly IReadOnlyList<(string Name, string? Unit, string Description)> All =
    [
        (Rows, null, "Rows of a data frame at a stage of a step (shapes in the manifest: input, cleaned, output, ...)."),
        (Columns, null, "Columns of a data frame at a stage of a step."),
        (StepRows, null, "Row counts a step reported (read, written, quarantined, duplicate, trained, predicted, ...)."),
        (Memory, "By", "Memory of the step's process at its end: working set, managed heap, peak working set."),
        (PhaseDuration, "s", "Wall time of each phase of the step (read, aggregate, write, ..., total)."),
        (LastSuccess, "s", "When the step last succeeded, in Unix seconds."),
        (ClusterSize, null, "Rows per cluster of the model version the step trained or used, in training and in prediction."),
        (ClusterShare, null, "Share of rows per cluster (0 to 1) of that model version."),
        (AdjustedRandIndex, null, "Adjusted Rand index of the trained version's clusters against production's on the same rows (1: the same grouping)."),
        (MovedShare, null, "Share of rows (0 to 1) whose stable cluster id the trained version changed against production's."),
        (CentroidShift, null, "How far each stable cluster's centroid moved against production's, in production's scaled units."),
        (FeatureMean, null, "Mean of each feature over the step's output rows."),
        (FeatureStd, null, "Standard deviation of each feature over the step's output rows."),
        (FeatureDrift, null, "Z-score of this run's feature mean against the history of earlier runs."),
        (FeatureDrifted, null, "1 when the feature's drift passed the step's threshold, else 0."),
    ];
}
