namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// Where received datasets and the runs their arrival started are kept (the orchestrator's database implements it,
/// on SQLite or PostgreSQL). The content hash is unique: two uploads of one file racing each other store it once.
/// </summary>
public interface IDatasetStore
{
    /// <summary>Adds the dataset, or returns the one with the same content (<c>Added</c> false).</summary>
    Task<(DatasetRecord Stored, bool Added)> AddAsync(DatasetRecord dataset, CancellationToken cancellationToken);

    Task<DatasetRecord?> GetAsync(string id, CancellationToken cancellationToken);

    Task<DatasetRecord?> FindBySha256Async(string sha256, CancellationToken cancellationToken);

    /// <summary>A page of datasets, newest first, and how many there are in all.</summary>
    Task<(IReadOnlyList<DatasetRecord> Page, long Total)> ListAsync(int limit, int offset, CancellationToken cancellationToken);

    /// <summary>Removes the dataset's record (with its runs) and returns it; null when there was none.</summary>
    Task<DatasetRecord?> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Notes that the dataset's triggers have fired; false when another server did it first.</summary>
    Task<bool> MarkTriggersFiredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Datasets stored whose triggers have not fired (a server stopped in between).</summary>
    Task<IReadOnlyList<DatasetRecord>> UntriggeredAsync(CancellationToken cancellationToken);

    Task AddRunAsync(string datasetId, DatasetRun run, CancellationToken cancellationToken);

    Task<IReadOnlyList<DatasetRun>> RunsAsync(string datasetId, CancellationToken cancellationToken);
}
