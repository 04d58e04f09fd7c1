
namespace Pipeline.Orchestrator.Datasets;

/// <summary>How receiving a dataset ended: stored (with the runs it started), a duplicate, too large, or not usable CSV.</summary>
public abstract record DatasetIntake
{
    private DatasetIntake()
    {
    }

    public sealed record Stored(DatasetRecord Dataset, IReadOnlyList<DatasetRun> Runs) : DatasetIntake;

    /// <summary>The same bytes were received before, as <see cref="Existing"/>; nothing new was kept.</summary>
    public sealed record Duplicate(DatasetRecord Existing) : DatasetIntake;

    public sealed record TooLarge(long MaxBytes) : DatasetIntake;

    /// <summary>The content is not a sensor CSV the Chunker can read (empty, binary, no header...): the Chunker's words.</summary>
    public sealed record Unreadable(string Reason) : DatasetIntake;
}
