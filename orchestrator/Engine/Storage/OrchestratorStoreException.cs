namespace Pipeline.Orchestrator.Engine.Storage;

/// <summary>
/// The orchestrator's database, behind any of the engine's or the modules' store interfaces, cannot be used:
/// unreachable, refused the connection, or its schema does not match the code (an applied migration script was
/// edited). The message names the server (host:port) or the SQLite file.
/// </summary>
public sealed class OrchestratorStoreException : Exception
{
    public OrchestratorStoreException(string message)
        : base(message)
    {
    }

    public OrchestratorStoreException()
    {
    }

    public OrchestratorStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
