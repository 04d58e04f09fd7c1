using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.FeatureCreator.Input;

/// <summary>What to read: the chunk files in a stable order and, when the upstream manifest says, the value columns.</summary>
/// <param name="Files">Absolute paths, sorted ordinally by their path inside the input folder.</param>
/// <param name="DeclaredValueColumns">The manifest's <c>metrics.schema.valueColumns</c>, or null when not given.</param>
/// <param name="Record">The input as recorded in this step's manifest.</param>
internal sealed record InputPlan(IReadOnlyList<string> Files, IReadOnlyList<string>? DeclaredValueColumns, InputRecord Record);
