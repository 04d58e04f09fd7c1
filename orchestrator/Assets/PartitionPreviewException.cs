namespace Pipeline.Orchestrator.Assets;

/// <summary>Why a partition has no preview: its folder is missing, or a file in it cannot be read as Parquet.</summary>
public sealed class PartitionPreviewException : Exception
{
    public PartitionPreviewException()
    {
    }

    public PartitionPreviewException(string message)
        : base(message)
    {
    }

    public PartitionPreviewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartitionPreviewException(string message, bool notFound, Exception? innerException = null)
        : base(message, innerException) => NotFound = notFound;

    /// <summary>The partition's folder (or the file) is not there, as opposed to being there and unreadable.</summary>
    public bool NotFound { get; }
}
