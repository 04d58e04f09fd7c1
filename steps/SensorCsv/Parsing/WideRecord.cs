namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>A record with more fields than <see cref="FieldLimit.MaxFields"/>: where it starts in its text, and how many newlines come before it there.</summary>
internal readonly record struct WideRecord(int Start, int NewlinesBefore);
