using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>
/// The step contract's exit codes (steps/README.md) as every runner reads them: a process and a container that
/// exit with the same code must be recorded and retried the same way, so the rule lives here once.
/// </summary>
public static class StepExitCodes
{
    /// <summary>A gate of the step failed (a drift gate): its output is published; an editor's override lets the run go on.</summary>
    public const int GateBlocked = 79;

    /// <summary>
    /// 64 usage, 65 bad data, 66 missing input, 78 configuration, 79 a gate blocked (its output is published; an
    /// editor's override, not a retry, lets the run go on): retrying will not help.
    /// </summary>
    public static bool IsRetryable(int exitCode) => exitCode is not (64 or 65 or 66 or 78 or GateBlocked);

    /// <summary>How an attempt that exited on its own ended: succeeded on 0, else failed with the step's own last error line.</summary>
    public static AttemptResult ToResult(int exitCode, string stderrPath) => exitCode == 0
        ? new AttemptResult(AttemptStates.Succeeded, 0, null, Retryable: true)
        : new AttemptResult(AttemptStates.Failed, exitCode, FailureMessage(exitCode, stderrPath), IsRetryable(exitCode));

    /// <summary>The step's own last error line (steps print <c>error: file:line:column: message</c>), else the exit code.</summary>
    private static string FailureMessage(int exitCode, string stderrPath)
    {
        var tail = LogTail.LastLines(stderrPath, 20);
        var last = tail.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal)) ?? (tail.Count > 0 ? tail[^1] : null);
        return last is null ? $"exited with code {exitCode}" : $"exited with code {exitCode}: {last}";
    }
}
