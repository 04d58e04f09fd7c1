namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>
/// What a reader is told of a CSV's schema; everything left empty is detected from the data (<see cref="SchemaDetector"/>).
/// The Chunker's options give these (<c>--sensor-column</c>, <c>--delimiter</c>, ...); the server's dataset profile
/// gives only the time zone.
/// </summary>
public sealed record CsvSchemaOptions
{
    /// <summary>Column holding the sensor id.</summary>
    public string? SensorColumn { get; init; }

    /// <summary>Column holding the timestamp.</summary>
    public string? TimestampColumn { get; init; }

    /// <summary>Timestamp format, .NET style or <c>iso</c>.</summary>
    public string? TimestampFormat { get; init; }

    /// <summary>Separate timestamp columns: year, month, day[, hour[, minute[, second]]].</summary>
    public IReadOnlyList<string>? TimestampParts { get; init; }

    /// <summary>IANA zone of timestamps without an offset; also the zone whose calendar days are the days.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Numeric value columns to keep.</summary>
    public IReadOnlyList<string>? ValueColumns { get; init; }

    /// <summary>Text columns to keep.</summary>
    public IReadOnlyList<string>? TextColumns { get; init; }

    /// <summary>One character, or <c>tab</c>.</summary>
    public string? Delimiter { get; init; }

    /// <summary>The quote character.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>Tokens that mean a missing value.</summary>
    public IReadOnlyList<string>? NaTokens { get; init; }

    /// <summary>The longest record accepted, in MiB.</summary>
    public int MaxRecordMb { get; init; } = 32;
}
