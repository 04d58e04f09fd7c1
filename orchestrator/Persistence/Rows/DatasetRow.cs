using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Pipeline.Orchestrator.Datasets;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A <c>datasets</c> row as stored (days as ISO text, so both engines sort them alike).</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record DatasetRow
{
    public const string Columns =
        "id AS Id, name AS Name, sha256 AS Sha256, bytes AS Bytes, path AS Path, source_url AS SourceUrl, time_zone AS TimeZone, " +
        "schema_json AS SchemaJson, row_count AS Rows, good_rows AS GoodRows, sensors AS Sensors, first_day AS FirstDay, last_day AS LastDay, " +
        "problems_json AS ProblemsJson, created_at AS CreatedAt, created_by AS CreatedBy, triggers_fired_at AS TriggersFiredAt";

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long Bytes { get; set; }

    public string Path { get; set; } = "";

    public string? SourceUrl { get; set; }

    public string TimeZone { get; set; } = "";

    public string SchemaJson { get; set; } = "";

    public long Rows { get; set; }

    public long GoodRows { get; set; }

    public long Sensors { get; set; }

    public string? FirstDay { get; set; }

    public string? LastDay { get; set; }

    public string ProblemsJson { get; set; } = "";

    public long CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public long? TriggersFiredAt { get; set; }

    public static object Parameters(DatasetRecord d) => new
    {
        d.Id, d.Name, d.Sha256, d.Bytes, d.Path, d.SourceUrl, d.TimeZone, d.SchemaJson, d.Rows, d.GoodRows, d.Sensors,
        FirstDay = Day(d.FirstDay), LastDay = Day(d.LastDay), d.ProblemsJson, CreatedAt = UnixMs.From(d.CreatedAt), d.CreatedBy,
        TriggersFiredAt = UnixMs.From(d.TriggersFiredAt),
    };

    public DatasetRecord ToRecord() => new()
    {
        Id = Id,
        Name = Name,
        Sha256 = Sha256,
        Bytes = Bytes,
        Path = Path,
        SourceUrl = SourceUrl,
        TimeZone = TimeZone,
        SchemaJson = SchemaJson,
        Rows = Rows,
        GoodRows = GoodRows,
        Sensors = (int)Sensors,
        FirstDay = FirstDay is null ? null : DateOnly.ParseExact(FirstDay, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        LastDay = LastDay is null ? null : DateOnly.ParseExact(LastDay, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        ProblemsJson = ProblemsJson,
        CreatedAt = UnixMs.To(CreatedAt),
        CreatedBy = CreatedBy,
        TriggersFiredAt = UnixMs.To(TriggersFiredAt),
    };

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
