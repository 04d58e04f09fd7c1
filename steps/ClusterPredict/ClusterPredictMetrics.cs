using System.Text.Json.Serialization;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>What ClusterPredict reports in its manifest.</summary>
internal sealed record ClusterPredictMetrics
{
    public required long RowsRead { get; init; }

    public required long RowsPredicted { get; init; }

    /// <summary>Rows with a missing or non-finite feature: no cluster can be given.</summary>
    public required long RowsUnassigned { get; init; }

    public required string RunId { get; init; }

    public required UsedModel Model { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<ClusterShare>> ClusterDistribution { get; init; }

    public required IReadOnlyDictionary<string, DataShape> Shapes { get; init; }

    public required DatabaseWrite Database { get; init; }

    public required MemoryMetrics Memory { get; init; }

    /// <summary>With <c>--asset-dir</c>: the day partitions predicted and those already up to date.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PartitionedPrediction? Partitions { get; init; }
}

/// <summary>
/// What a run over a features asset did: days predicted (oldest first), days already up to date, and days whose
/// features changed that the manual policy left stale.
/// </summary>
internal sealed record PartitionedPrediction(string Asset, IReadOnlyList<string> Predicted, int UpToDate, IReadOnlyList<string> LeftStale);

/// <summary>The model version used, and how it was chosen.</summary>
internal sealed record UsedModel(int Version, string ChosenBy, int K, IReadOnlyList<string> Features, string Sha256)
{
    /// <summary>The model family predicted with (--family); null without one.</summary>
    public string? Family { get; init; }

    /// <summary>Why that family: named, or which fit the input with --family auto.</summary>
    public string? FamilyReason { get; init; }
}

/// <summary>What was written to PostgreSQL, or why nothing was.</summary>
internal sealed record DatabaseWrite(bool Written, string Table, string? Endpoint, long RowsDeleted, long RowsInserted, double Milliseconds, string? Reason);
