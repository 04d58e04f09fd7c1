namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>How an attempt ended, as the runner saw it.</summary>
/// <param name="State">One of <see cref="AttemptStates"/> other than running.</param>
/// <param name="ExitCode">The program's exit code, when it exited.</param>
/// <param name="Error">What went wrong, in a sentence, for failures.</param>
/// <param name="Retryable">False when the program said retrying will not help (exit 64, 65, 66, 78).</param>
public sealed record AttemptResult(string State, int? ExitCode, string? Error, bool Retryable)
{
    public bool Succeeded => State == AttemptStates.Succeeded;
}
