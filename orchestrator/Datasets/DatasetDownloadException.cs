namespace Pipeline.Orchestrator.Datasets;

/// <summary>A dataset URL that cannot be fetched.</summary>
public sealed class DatasetDownloadException : Exception
{
    /// <summary>Refused by this server (a private address, a redirect out of http), not failed by the other one.</summary>
    public bool Refused { get; init; }

    public DatasetDownloadException()
    {
    }

    public DatasetDownloadException(string message)
        : base(message)
    {
    }

    public DatasetDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
