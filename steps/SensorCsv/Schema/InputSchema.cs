namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>The schema the Chunker reads with: given by options, detected from the data, or both.</summary>
internal sealed record InputSchema
{
    public required char Delimiter { get; init; }

    public required char Quote { get; init; }

    /// <summary>Column names from the header, in file order.</summary>
    public required IReadOnlyList<string> Header { get; init; }

    public required int SensorIndex { get; init; }

    /// <summary>The single timestamp column, or -1 when the time is split over <see cref="TimestampParts"/>.</summary>
    public required int TimestampIndex { get; init; }

    /// <summary>'iso' or a .NET exact format; null with split parts.</summary>
    public string? TimestampFormat { get; init; }

    /// <summary>Columns of year, month, day and optionally hour, minute, second.</summary>
    public IReadOnlyList<int> TimestampParts { get; init; } = [];

    public required TimeZoneInfo TimeZone { get; init; }

    public required IReadOnlyList<int> ValueIndexes { get; init; }

    public required IReadOnlyList<int> TextIndexes { get; init; }

    /// <summary>Columns read but not kept (a row index such as pandas' or the Beijing data's "No").</summary>
    public IReadOnlyList<int> IgnoredIndexes { get; init; } = [];

    public required IReadOnlyList<string> NaTokens { get; init; }

    /// <summary>Which parts were detected rather than given (for the manifest).</summary>
    public IReadOnlyList<string> Detected { get; init; } = [];

    public string Name(int index) => Header[index];
}
