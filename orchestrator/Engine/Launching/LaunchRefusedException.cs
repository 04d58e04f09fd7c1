using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>A run that cannot start: unknown workflow or version, or inputs that do not fit; each problem has its path.</summary>
public sealed class LaunchRefusedException : Exception
{
    public LaunchRefusedException(string message, IReadOnlyList<DefinitionProblem> problems, bool notFound = false)
        : base(message)
    {
        Problems = problems;
        NotFound = notFound;
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
}
