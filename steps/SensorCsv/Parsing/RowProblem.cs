namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>Kinds of bad rows, counted per kind in the manifest's quarantineReasons.</summary>
internal static class RowProblem
{
    public const string FieldCount = "wrong field count";
    public const string MalformedQuoting = "malformed quoting";
    public const string MissingSensor = "missing sensor id";
    public const string BadNumber = "unparseable number";
    public const string BadTimestamp = "unparseable timestamp";
    public const string NonexistentLocalTime = "nonexistent local time";
    public const string InvalidUtf8 = "invalid UTF-8";
    public const string Duplicate = "duplicate sensor and timestamp";
}
