using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>One statistic column of the output, such as <c>temperature_mean</c>.</summary>
/// <param name="Name">Column name: the value column, an underscore, the statistic.</param>
/// <param name="ValueColumn">Index of the value column among the selected ones.</param>
/// <param name="Kind">The statistic.</param>
/// <param name="Position">Index of this column among the feature columns.</param>
internal sealed record FeatureColumn(string Name, int ValueColumn, FeatureKind Kind, int Position);
