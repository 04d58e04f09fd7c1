namespace Pipeline.Steps.Formats.Manifest;

/// <summary>A feature column summarized over the output rows: mean and sample std of its finite values, and their count.</summary>
public sealed record FeatureStat(double? Mean, double? Std, long Count);
