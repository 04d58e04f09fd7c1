namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// An asset: data a step materializes, split into partitions by <see cref="Partitioning"/> (<c>day</c>: calendar
/// days in <see cref="TimeZone"/>, keyed <c>yyyy-MM-dd</c>; <c>version</c>: a model's versions).
/// </summary>
public sealed record AssetRecord(string Name, string Partitioning, string? TimeZone, DateTimeOffset CreatedAt)
{
    public const string ByDay = "day";
    public const string ByVersion = "version";
}
