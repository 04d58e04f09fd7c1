namespace Pipeline.Steps.Formats.Manifest;

/// <summary>
/// The fields of a manifest's <c>metrics</c> the server turns into data gauges, with the record each holds. Steps
/// report any other fields they like; these have one meaning in every step.
/// </summary>
public static class MetricNames
{
    /// <summary><c>{stage: <see cref="DataShape"/>}</c>.</summary>
    public const string Shapes = "shapes";

    /// <summary><see cref="MemoryMetrics"/>.</summary>
    public const string Memory = "memory";

    /// <summary><see cref="ModelUsed"/> (and the step's own fields).</summary>
    public const string Model = "model";

    /// <summary><c>{set: [<see cref="Registry.ClusterShare"/>]}</c>, set being <c>training</c> or <c>prediction</c>.</summary>
    public const string ClusterDistribution = "clusterDistribution";

    /// <summary><c>{feature: <see cref="FeatureStat"/>}</c>.</summary>
    public const string FeatureStats = "featureStats";

    /// <summary><c>{feature: <see cref="DriftResult"/>}</c>.</summary>
    public const string Drift = "drift";

    /// <summary><c>{column: {readings, count, share, median, mad, low, high}}</c>: readings far outside their column (FeatureCreator).</summary>
    public const string Outliers = "outliers";

    /// <summary><c>{numbers, texts, decision, sensors, changed}</c>: the columns kept once per sensor in the sensors table (FeatureCreator).</summary>
    public const string SensorAttributes = "sensorAttributes";

    /// <summary>A <see cref="Registry.ClusterStability"/>: a new model version against production on the same rows.</summary>
    public const string Stability = "stability";

    /// <summary>Row counts are the numeric fields named <c>rows</c> + a capitalised kind: <c>rowsRead</c>, <c>rowsQuarantined</c>.</summary>
    public const string RowCountPrefix = "rows";
}
