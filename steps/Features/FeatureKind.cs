
namespace Pipeline.Steps.Features;

/// <summary>A statistic computed per value column and sensor-day; the order here is the column order of the output.</summary>
public enum FeatureKind
{
    Count,
    Mean,
    Std,
    Min,
    Max,
    MissingShare,
}
