using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.SensorCsv.Inspection;

/// <summary>
/// What the Chunker would make of a CSV file with its default options: the schema it detects and how many of the
/// rows it could read. Rows that parse are counted in <see cref="GoodRows"/>; duplicates of a sensor and time are
/// only found when chunking, so they are among the good rows here.
/// </summary>
public sealed record DatasetProfile
{
    public required SchemaReport Schema { get; init; }

    /// <summary>Data rows (records after the header).</summary>
    public required long Rows { get; init; }

    public required long GoodRows { get; init; }

    /// <summary>Rows the Chunker would quarantine (wrong field count, bad number or timestamp, no sensor id).</summary>
    public long BadRows => Rows - GoodRows;

    public required int Sensors { get; init; }

    /// <summary>First and last calendar day of the good rows, in the schema's time zone; null without good rows.</summary>
    public DateOnly? FirstDay { get; init; }

    public DateOnly? LastDay { get; init; }

    /// <summary>The first few bad rows, as the Chunker's quarantine would describe them.</summary>
    public required IReadOnlyList<DatasetProblem> Problems { get; init; }
}

/// <summary>One bad row: line (1-based), column when known, and why.</summary>
public sealed record DatasetProblem(long Line, int? Column, string Reason);
