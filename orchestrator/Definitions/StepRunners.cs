namespace Pipeline.Orchestrator.Definitions;

/// <summary>The runners a <see cref="StepDefinition.Runner"/> may name; the server's <c>Runner:Default</c> takes the same names.</summary>
public static class StepRunners
{
    /// <summary>A local process on the server (the embedded default).</summary>
    public const string Process = "process";

    /// <summary>A container on the server's Docker Engine.</summary>
    public const string Docker = "docker";

    public static readonly IReadOnlyList<string> All = [Process, Docker];
}
