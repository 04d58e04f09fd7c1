namespace Pipeline.Orchestrator.Cli;

/// <summary>The CLI's exit codes: scripts tell a failed run from a refused request.</summary>
internal static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>The run ended failed or cancelled (or is still running when the wait ended).</summary>
    public const int RunDidNotSucceed = 1;

    /// <summary>Bad command line, unknown workflow or run, inputs that do not fit, a refused retry.</summary>
    public const int Refused = 2;

    /// <summary>The command could not do its work: database unreachable, bad configuration, a folder not writable.</summary>
    public const int Failed = 70;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;
}
