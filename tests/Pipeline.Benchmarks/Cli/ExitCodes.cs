namespace Pipeline.Benchmarks.Cli;

/// <summary>The benchmark's exit codes; the same BSD sysexits values the steps use.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    public const int Usage = 64;

    /// <summary>A side failed (a step exited non-zero, DuckDB threw, a manifest is missing).</summary>
    public const int Software = 70;

    /// <summary>Interrupted by Ctrl+C or SIGTERM.</summary>
    public const int Cancelled = 130;
}
