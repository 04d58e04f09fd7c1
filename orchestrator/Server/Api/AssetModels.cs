using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Models;

namespace Pipeline.Orchestrator.Api;

/// <summary>An asset with its partitions counted by state, its newest materialized partition and how fresh it is.</summary>
public sealed record AssetSummaryView(
    string Name,
    string Partitioning,
    string? TimeZone,
    string? Folder,
    Dictionary<string, long> Partitions,
    string? NewestMaterialized,
    DateTimeOffset? LastMaterializedAt,
    double? FreshnessSeconds,
    double? OldestStaleAgeSeconds)
{
    public static AssetSummaryView Of(AssetSummary summary, DateTimeOffset now) => new(
        summary.Asset.Name,
        summary.Asset.Partitioning,
        summary.Asset.TimeZone,
        summary.Asset.Folder,
        PartitionStates.All.ToDictionary(s => s, s => summary.Counts.GetValueOrDefault(s), StringComparer.Ordinal),
        summary.NewestMaterialized,
        summary.LastMaterializedAt,
        summary.LastMaterializedAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : null,
        summary.OldestStaleSince is { } since ? Math.Max(0, (now - since).TotalSeconds) : null);
}

/// <summary>
/// One making of a partition: by which run, step, attempt and program version, with its rows and content hash; on
/// the Docker runner also the image the step ran in (<c>ImageDigest</c>: its registry digest, else its image id).
/// </summary>
public sealed record MaterializationView(
    long Id, string Asset, string Key, string? RunId, string? StepId, int? Attempt, string? ProgramVersion, string? ImageDigest, long? Rows, string? ContentSha256, DateTimeOffset CreatedAt)
{
    public static MaterializationView Of(Materialization m) =>
        new(m.Id, m.Asset, m.PartitionKey, m.RunId, m.StepId, m.Attempt, m.ProgramVersion, m.ImageDigest, m.Rows, m.ContentSha256, m.CreatedAt);
}

/// <summary>A partition's state (and why, for stale, failed and missing ones) and its current materialization.</summary>
public sealed record PartitionItemView(string Key, string State, string? Reason, DateTimeOffset UpdatedAt, MaterializationView? Current)
{
    public static PartitionItemView Of(PartitionView p) =>
        new(p.PartitionKey, p.State, p.Reason, p.UpdatedAt, p.Current is { } m ? MaterializationView.Of(m) : null);
}

/// <summary>A page of partitions, newest day first; <see cref="Next"/> is the <c>after</c> of the next page (null on the last).</summary>
public sealed record PartitionListView(string Asset, List<PartitionItemView> Partitions, string? Next);

/// <summary>
/// What a materialization read: a partition of another asset (<see cref="Asset"/>, <see cref="Partition"/>) or a file
/// (<see cref="File"/>), with its hash then; for a partition, the materialization of that content when known.
/// </summary>
public sealed record LineageInputView(string? Asset, string? Partition, string? File, string? Sha256, MaterializationView? Materialization)
{
    public static LineageInputView Of(LineageInput input) => input.Partition is { } p
        ? new(p.Asset, p.PartitionKey, null, p.Sha256, input.Materialization is { } m ? MaterializationView.Of(m) : null)
        : new(null, null, input.File?.Path, input.File?.Sha256, null);
}

/// <summary>A partition with every materialization (newest first), what its current one read and what was made from it.</summary>
public sealed record PartitionDetailView(
    string Asset, PartitionItemView Partition, List<MaterializationView> History, List<LineageInputView> Upstream, List<MaterializationView> Downstream)
{
    /// <summary>The model versions trained on this partition (in any registry the server shows), oldest first.</summary>
    public List<TrainedModelView> Models { get; init; } = [];
}

/// <summary>A partition named with its asset, in a list that spans assets.</summary>
public sealed record AssetPartitionView(string Asset, PartitionItemView Partition)
{
    public static AssetPartitionView Of(PartitionView p) => new(p.Asset, PartitionItemView.Of(p));
}

/// <summary>
/// A model version trained on a partition (<see cref="TrainedModel"/>), with the partitions it scored: how many
/// (<see cref="ScoredTotal"/>) and the newest of them (<see cref="Scored"/>, at most <see cref="ScoredShown"/>; the
/// model's <c>/scored</c> page lists them all).
/// </summary>
public sealed record TrainedModelView(
    string Registry, int Version, DateTimeOffset CreatedAt, bool Promoted, string? Sha256, bool SameContent, string? ModelSha256, long ScoredTotal, List<AssetPartitionView> Scored)
{
    public const int ScoredShown = 10;

    public static TrainedModelView Of(TrainedModel m, FileReaders scored) => new(
        m.Registry, m.Version, m.CreatedAt, m.Promoted, m.Sha256, m.SameContent, m.ModelSha256, scored.Total, [.. scored.Partitions.Select(AssetPartitionView.Of)]);
}

/// <summary>The partitions a model version scored (their current content read its model file), newest day first.</summary>
public sealed record ScoredPartitionsView(string Model, int Version, string? ModelSha256, long Total, List<AssetPartitionView> Partitions);

/// <summary>What verifying an asset found: partitions checked, unchanged, and vanished or changed outside the server (now missing).</summary>
public sealed record VerifyView(string Asset, int Checked, int Unchanged, int Vanished, int Changed);
