namespace Pipeline.Orchestrator.Definitions;

/// <summary>The pipeline's step programs a <see cref="StepDefinition.Program"/> may name.</summary>
public static class StepPrograms
{
    public const string Chunker = "chunker";
    public const string FeatureCreator = "feature-creator";
    public const string ClusterTrain = "cluster-train";
    public const string ClusterPredict = "cluster-predict";

    public static readonly IReadOnlyList<string> All = [Chunker, FeatureCreator, ClusterTrain, ClusterPredict];
}
