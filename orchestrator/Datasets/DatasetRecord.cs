namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// A received dataset: where its file is, its content hash and size, and its profile (the schema the Chunker
/// detects, as JSON, and its row counts). <see cref="SourceUrl"/> is null for an upload.
/// </summary>
public sealed record DatasetRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Sha256 { get; init; }

    public required long Bytes { get; init; }

    /// <summary>The stored file's full path, inside the data root: what a run's path input is set to.</summary>
    public required string Path { get; init; }

    public string? SourceUrl { get; init; }

    public required string TimeZone { get; init; }

    public required string SchemaJson { get; init; }

    public required long Rows { get; init; }

    public required long GoodRows { get; init; }

    public required int Sensors { get; init; }

    public DateOnly? FirstDay { get; init; }

    public DateOnly? LastDay { get; init; }

    public required string ProblemsJson { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? TriggersFiredAt { get; init; }
}

/// <summary>A run a dataset's arrival started, or why it could not start (then <see cref="RunId"/> is null).</summary>
public sealed record DatasetRun(string WorkflowId, string? RunId, string? Error, DateTimeOffset At);
