using Pipeline.Steps.Scoring;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>The model version a run predicts with, how it was chosen, and its file (for lineage).</summary>
internal sealed record ChosenModel(ClusterModel Model, int Version, string ChosenBy, string File)
{
    public string? Family { get; init; }

    public string? FamilyReason { get; init; }

    /// <summary>The model as the manifest's metrics report it.</summary>
    public UsedModel Used() => new(Version, ChosenBy, Model.Metadata.K, Model.Metadata.Features, Model.Metadata.Model!.Sha256) { Family = Family, FamilyReason = FamilyReason };
}
