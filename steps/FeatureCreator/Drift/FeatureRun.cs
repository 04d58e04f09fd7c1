using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.FeatureCreator.Drift;

/// <summary>The feature summaries of one successful run, as kept in the history.</summary>
public sealed record FeatureRun(DateTimeOffset RecordedAt, IReadOnlyDictionary<string, FeatureStat> Features);
