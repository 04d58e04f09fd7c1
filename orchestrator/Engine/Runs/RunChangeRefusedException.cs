namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>A retry, re-run or cancel that does not apply to the run as it is; the message says why.</summary>
public sealed class RunChangeRefusedException : Exception
{
    public RunChangeRefusedException(string message)
        : base(message)
    {
    }

    public RunChangeRefusedException()
    {
    }

    public RunChangeRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
