namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>The step contract's exit codes (steps/README.md): which failures a retry cannot help.</summary>
internal static class ExitCodes
{
    /// <summary>64 usage, 65 bad data, 66 missing input, 78 configuration: retrying will not help.</summary>
    public static bool IsRetryable(int exitCode) => exitCode is not (64 or 65 or 66 or 78);
}
