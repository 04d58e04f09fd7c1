namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>What <see cref="PredictionStore.ReplaceRunAsync"/> did in its one transaction.</summary>
/// <param name="RowsDeleted">Rows of an earlier attempt of the same run that were removed.</param>
/// <param name="RowsInserted">Rows copied in.</param>
public sealed record ReplaceRunResult(long RowsDeleted, long RowsInserted);
