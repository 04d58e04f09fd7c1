namespace Pipeline.Orchestrator.Datasets;

/// <summary>What came with a dataset's bytes: its name, how to read its times, where from, who sent it.</summary>
public sealed record DatasetArrival
{
    public required string Name { get; init; }

    /// <summary>IANA zone of timestamps without an offset: decides the days the profile reports. UTC when null.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The URL it was fetched from; null for an upload.</summary>
    public string? SourceUrl { get; init; }

    public string? CreatedBy { get; init; }

    /// <summary>Whether the workflows' dataset triggers fire for it.</summary>
    public bool Trigger { get; init; } = true;
}
