namespace Pipeline.Steps.Formats;

/// <summary>
/// Exit codes shared by every step, taken from BSD sysexits so that shells and orchestrators already know them.
/// 64, 65, 66 and 78 mean "bad input or configuration: retrying will not help";
/// every other non-zero code (70, 75, a signal) means "failed: a retry may succeed".
/// </summary>
public static class StepExitCodes
{
    /// <summary>The step succeeded and published its output.</summary>
    public const int Success = 0;

    /// <summary>Unknown option, missing required option, or an option value of the wrong form.</summary>
    public const int Usage = 64;

    /// <summary>The input data is malformed (empty, binary, no header, too many bad rows, wrong schema).</summary>
    public const int DataError = 65;

    /// <summary>An input file, folder or URL does not exist.</summary>
    public const int NoInput = 66;

    /// <summary>An unexpected error inside the step; a retry may succeed.</summary>
    public const int Software = 70;

    /// <summary>A temporary failure (I/O, network, database unreachable); a retry may succeed.</summary>
    public const int TemporaryFailure = 75;

    /// <summary>The configuration is inconsistent (e.g. options that contradict each other).</summary>
    public const int Configuration = 78;

    /// <summary>
    /// The step did its work and published it, but a gate it enforces failed (a drift gate): what comes after it
    /// must not run until an editor overrides the gate. A retry would fail the same way.
    /// </summary>
    public const int GateBlocked = 79;

    /// <summary>True when the exit code says that retrying the same step with the same input cannot help.</summary>
    public static bool IsPermanent(int exitCode) =>
        exitCode is Usage or DataError or NoInput or Configuration or GateBlocked;
}
