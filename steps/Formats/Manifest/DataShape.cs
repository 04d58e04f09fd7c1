namespace Pipeline.Steps.Formats.Manifest;

/// <summary>Rows × columns of a data-frame stage (<c>metrics.shapes.&lt;stage&gt;</c> in a manifest).</summary>
public sealed record DataShape(long Rows, int Columns);
