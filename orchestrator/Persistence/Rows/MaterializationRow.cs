using System.Diagnostics.CodeAnalysis;
using Pipeline.Orchestrator.Assets;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>A <c>materializations</c> row as stored.</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Dapper creates it")]
internal sealed record MaterializationRow
{
    /// <summary>
    /// The columns, from the table aliased <c>m</c>; <c>Id</c> first, so a query joining other columns before them
    /// maps them with Dapper's <c>splitOn: "Id"</c> (and gets null when a LEFT JOIN found no materialization).
    /// </summary>
    public const string Columns =
        "m.id AS Id, m.asset AS Asset, m.partition_key AS PartitionKey, m.run_id AS RunId, m.step_id AS StepId, m.attempt AS Attempt, " +
        "m.program_version AS ProgramVersion, m.image_digest AS ImageDigest, m.row_count AS RowCount, m.content_sha256 AS ContentSha256, m.created_at AS CreatedAt";

    /// <summary>The columns unqualified, for an <c>INSERT ... RETURNING</c> (SQLite's names only the table written).</summary>
    public const string Returned =
        "id AS Id, asset AS Asset, partition_key AS PartitionKey, run_id AS RunId, step_id AS StepId, attempt AS Attempt, " +
        "program_version AS ProgramVersion, image_digest AS ImageDigest, row_count AS RowCount, content_sha256 AS ContentSha256, created_at AS CreatedAt";

    public long Id { get; set; }

    public string Asset { get; set; } = "";

    public string PartitionKey { get; set; } = "";

    public string? RunId { get; set; }

    public string? StepId { get; set; }

    public long? Attempt { get; set; }

    public string? ProgramVersion { get; set; }

    public string? ImageDigest { get; set; }

    public long? RowCount { get; set; }

    public string? ContentSha256 { get; set; }

    public long CreatedAt { get; set; }

    public Materialization ToRecord() => new()
    {
        Id = Id,
        Asset = Asset,
        PartitionKey = PartitionKey,
        RunId = RunId,
        StepId = StepId,
        Attempt = Attempt is { } attempt ? checked((int)attempt) : null,
        ProgramVersion = ProgramVersion,
        ImageDigest = ImageDigest,
        Rows = RowCount,
        ContentSha256 = ContentSha256,
        CreatedAt = UnixMs.To(CreatedAt),
    };
}
