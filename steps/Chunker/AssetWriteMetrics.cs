namespace Pipeline.Steps.Chunker;

/// <summary>
/// What merging a run into its asset did. rowsWritten of the run = rowsAdded + rowsAlreadyInAsset: a row whose
/// sensor and time the asset already held is not added again (the asset's row stays).
/// </summary>
internal sealed record AssetWriteMetrics
{
    public required string Asset { get; init; }

    public long RowsAdded { get; init; }

    public long RowsAlreadyInAsset { get; init; }

    public int PartitionsCreated { get; init; }

    public int PartitionsReplaced { get; init; }

    public int PartitionsUnchanged { get; init; }
}
