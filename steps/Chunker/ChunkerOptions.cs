using System.ComponentModel;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.Chunker;

/// <summary>Options of the Chunker. Schema options left empty are detected from the data.</summary>
public sealed class ChunkerOptions : StepOptions
{
    [Description("CSV inputs: files, folders, globs (data/*.csv), .gz files or http(s) URLs; repeat or comma-separate.")]
    [PathOption]
    public string[]? Input { get; set; }

    [Description("Asset folder to merge the day partitions into (day=YYYY-MM-DD, replaced whole), shared by every run; none: the chunks are this run's output.")]
    [PathOption(PathAccess.WriteInto)]
    public string? AssetDir { get; set; }

    [Description("Column holding the sensor id (detected by name: sensor_id, sensor, station, device, ...).")]
    public string? SensorColumn { get; set; }

    [Description("Column holding the timestamp (detected when it parses as one).")]
    public string? TimestampColumn { get; set; }

    [Description("Timestamp format, .NET style (yyyy-MM-dd HH) or 'iso' (ISO-8601 with optional offset); detected when empty.")]
    public string? TimestampFormat { get; set; }

    [Description("Separate timestamp columns in order year,month,day[,hour[,minute[,second]]] (detected by those names).")]
    public string[]? TimestampParts { get; set; }

    [Description("IANA time zone of timestamps without an offset; also the zone whose calendar days the chunks follow.")]
    public string TimeZone { get; set; } = "UTC";

    [Description("Numeric value columns to keep (default: every numeric column that is not the sensor, time or a row index).")]
    public string[]? ValueColumns { get; set; }

    [Description("Text columns to keep (default: every other non-numeric column).")]
    public string[]? TextColumns { get; set; }

    [Description("Field delimiter: one character, or 'tab'; detected among , ; tab | when empty.")]
    public string? Delimiter { get; set; }

    [Description("Quote character for fields that contain the delimiter.")]
    public string Quote { get; set; } = "\"";

    [Description("Tokens that mean a missing value (default: empty, NA, N/A, null, NULL, None, #N/A).")]
    public string[]? NaTokens { get; set; }

    [Description("Whole calendar days per chunk (chunks are aligned to 1970-01-01 so they are stable across inputs).")]
    public int DaysPerChunk { get; set; } = 1;

    [Description("Sensors per chunk; 0 puts every sensor of the chunk's days into one file.")]
    public int SensorsPerChunk { get; set; } = 1;

    [Description("Fail when more than this share of rows is quarantined (0..1).")]
    public double MaxBadShare { get; set; } = 0.05;

    [Description("Skip inputs whose SHA-256 was already processed (otherwise they are processed and reported).")]
    public bool SkipProcessed { get; set; }

    [Description("Memory for buffered rows before they spill to temporary files, in MiB.")]
    public int MemoryBudgetMb { get; set; } = 96;

    [Description("Longest accepted CSV record, in MiB; a longer one fails the input.")]
    public int MaxRecordMb { get; set; } = 32;

    /// <summary>The schema options among these, as the CSV reader takes them.</summary>
    public CsvSchemaOptions Schema() => new()
    {
        SensorColumn = SensorColumn,
        TimestampColumn = TimestampColumn,
        TimestampFormat = TimestampFormat,
        TimestampParts = TimestampParts,
        TimeZone = TimeZone,
        ValueColumns = ValueColumns,
        TextColumns = TextColumns,
        Delimiter = Delimiter,
        Quote = Quote.Length > 0 ? Quote[0] : '"',
        NaTokens = NaTokens,
        MaxRecordMb = MaxRecordMb,
    };

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
        {
            yield return problem;
        }

        if (Input is not { Length: > 0 })
        {
            yield return "--input is required";
        }

        if (DaysPerChunk < 1)
        {
            yield return "--days-per-chunk must be at least 1";
        }

        if (AssetDir is { Length: > 0 } && DaysPerChunk != 1)
        {
            yield return "--asset-dir partitions by calendar day: --days-per-chunk must be 1 with it";
        }

        if (SensorsPerChunk < 0)
        {
            yield return "--sensors-per-chunk must be 0 (all) or more";
        }

        if (MaxBadShare is < 0 or > 1)
        {
            yield return "--max-bad-share must be between 0 and 1";
        }

        if (MemoryBudgetMb < 8)
        {
            yield return "--memory-budget-mb must be at least 8";
        }

        if (MaxRecordMb < 1)
        {
            yield return "--max-record-mb must be at least 1";
        }

        if (Quote.Length != 1)
        {
            yield return "--quote must be one character";
        }

        if (Delimiter is { Length: > 0 } d && d != "tab" && d != "\\t" && d.Length != 1)
        {
            yield return "--delimiter must be one character or 'tab'";
        }

        if (TimestampParts is { Length: > 0 } parts && (parts.Length < 3 || parts.Length > 6))
        {
            yield return "--timestamp-parts needs 3 to 6 columns: year,month,day[,hour[,minute[,second]]]";
        }

        if (TimeZoneIds.Problem(TimeZone) is { } unknown)
        {
            yield return $"--time-zone {unknown}";
        }

        if (TimestampParts is { Length: > 0 } && TimestampColumn is { Length: > 0 })
        {
            yield return "--timestamp-column and --timestamp-parts cannot be combined";
        }
    }
}
