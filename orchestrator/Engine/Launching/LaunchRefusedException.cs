using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// A run that cannot start: unknown workflow or version, inputs that do not fit (each problem has its path), or a
/// workflow whose queue is full (<see cref="Execution.EngineOptions.MaxQueuedRunsPerWorkflow"/>).
/// </summary>
public sealed class LaunchRefusedException : Exception
{
    public LaunchRefusedException(string message, IReadOnlyList<DefinitionProblem> problems, bool notFound = false, bool queueFull = false)
        : base(message)
    {
        Problems = problems;
        NotFound = notFound;
        QueueFull = queueFull;
    }

    public LaunchRefusedException()
    {
    }

    public LaunchRefusedException(string message)
        : base(message)
    {
    }

    public LaunchRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IReadOnlyList<DefinitionProblem> Problems { get; } = [];

    /// <summary>True when the workflow or version does not exist (HTTP 404 rather than 422).</summary>
    public bool NotFound { get; }

    /// <summary>
    /// True when the workflow already has as many runs waiting as the server queues (HTTP 409): nothing was created,
    /// and the same request can succeed once some have started or been cancelled.
    /// </summary>
    public bool QueueFull { get; }
}
