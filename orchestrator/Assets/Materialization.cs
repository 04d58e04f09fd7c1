namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// One making of an asset's partition: who made it (run, step, attempt, program version or image digest), when,
/// how many rows and the content hash of its files. Kept for ever, so lineage names exactly what was read.
/// </summary>
public sealed record Materialization
{
    public required long Id { get; init; }

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

    public required DateTimeOffset CreatedAt { get; init; }
}
