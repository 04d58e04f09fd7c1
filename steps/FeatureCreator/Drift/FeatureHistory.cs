namespace Pipeline.Steps.FeatureCreator.Drift;

/// <summary>The content of <c>feature-history.json</c>: the most recent successful runs, oldest first.</summary>
public sealed record FeatureHistory
{
    public int Version { get; init; } = 1;

    public required IReadOnlyList<FeatureRun> Runs { get; init; }
}
