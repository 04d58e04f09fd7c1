namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Why a row cannot be kept: the bad field (0-based column), its quarantine category and the reason. A class, so a
/// good row (nearly every row) returns a null reference instead of a nullable tuple of three fields.
/// </summary>
internal sealed record FieldProblem(int Column, string Category, string Reason);
