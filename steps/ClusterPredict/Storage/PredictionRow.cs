namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>One row of <c>cluster_predictions</c>: the cluster a sensor-day was assigned to in one run.</summary>
/// <param name="RunId">The run that made the prediction; a re-run with the same id replaces the run's rows.</param>
/// <param name="SensorId">The sensor, as the Chunker wrote it.</param>
/// <param name="Day">The sensor's local calendar day.</param>
/// <param name="Cluster">The index of the nearest centroid.</param>
/// <param name="Distance">The Euclidean distance to that centroid, in the model's feature space.</param>
/// <param name="ModelVersion">The version of the model that made the prediction.</param>
/// <param name="CreatedAt">When the prediction was made; stored as a UTC instant.</param>
public sealed record PredictionRow(
    string RunId,
    string SensorId,
    DateOnly Day,
    int Cluster,
    double Distance,
    string ModelVersion,
    DateTimeOffset CreatedAt);
