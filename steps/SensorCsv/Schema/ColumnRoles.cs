namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>What each column is for: the sensor, the time (one column or parts), values, text, or ignored.</summary>
internal sealed record ColumnRoles(
    int Sensor,
    int Timestamp,
    string? TimestampFormat,
    IReadOnlyList<int> TimestampParts,
    IReadOnlyList<int> Values,
    IReadOnlyList<int> Texts,
    IReadOnlyList<int> Ignored);
