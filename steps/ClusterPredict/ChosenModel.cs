using Pipeline.Steps.Scoring;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>The model version a run predicts with, how it was chosen, and its file (for lineage).</summary>
internal sealed record ChosenModel(ClusterModel Model, int Version, string ChosenBy, string File);
