namespace Pipeline.Steps.Formats.Manifest;

/// <summary>
/// How far this run's mean of a feature is from the pooled mean of earlier runs, in pooled standard deviations.
/// <see cref="ZScore"/> is null without a baseline or when the baseline does not vary.
/// </summary>
public sealed record DriftResult(
    double? Mean, double? BaselineMean, double? BaselineStd, double? ZScore, int BaselineRuns, bool Drifted);
