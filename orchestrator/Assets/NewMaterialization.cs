namespace Pipeline.Orchestrator.Assets;

/// <summary>A partition a step has just written, to record with what it was made from.</summary>
public sealed record NewMaterialization
{
    public required string Asset { get; init; }

    public required string PartitionKey { get; init; }

    public string? RunId { get; init; }

    public string? StepId { get; init; }

    public int? Attempt { get; init; }

    public string? ProgramVersion { get; init; }

    /// <summary>The container image the step ran in (registry digest, else image id); null on the process runner.</summary>
    public string? ImageDigest { get; init; }

    public long? Rows { get; init; }

    public string? ContentSha256 { get; init; }

    /// <summary>Partitions of other assets it read, each with the content hash it had when read.</summary>
    public IReadOnlyList<PartitionRead> InputPartitions { get; init; } = [];

    /// <summary>Files it read, with their content hashes then.</summary>
    public IReadOnlyList<FileInput> InputFiles { get; init; } = [];
}

/// <summary>A partition of an asset, by name and key.</summary>
public sealed record PartitionRef(string Asset, string PartitionKey);

/// <summary>
/// A partition of another asset a materialization read, with its content hash then (null: not known, and then any
/// new content of it makes the reader stale).
/// </summary>
public sealed record PartitionRead(string Asset, string PartitionKey, string? Sha256);

/// <summary>A file a materialization read, and its content hash when read.</summary>
public sealed record FileInput(string Path, string? Sha256);
