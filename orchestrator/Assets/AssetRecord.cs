namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// An asset: data a step materializes, split into partitions by <see cref="Partitioning"/> (<c>day</c>: calendar
/// days in <see cref="TimeZone"/>, keyed <c>yyyy-MM-dd</c>; <c>version</c>: a model's versions), kept in
/// <see cref="Folder"/> (<c>{DataRoot}/assets/&lt;name&gt;</c>, one <c>day=YYYY-MM-DD</c> folder per partition).
/// </summary>
public sealed record AssetRecord(string Name, string Partitioning, string? TimeZone, DateTimeOffset CreatedAt, string? Folder = null)
{
    public const string ByDay = "day";
    public const string ByVersion = "version";
}
