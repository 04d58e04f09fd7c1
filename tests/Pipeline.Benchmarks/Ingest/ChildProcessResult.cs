namespace Pipeline.Benchmarks.Ingest;

/// <summary>How a child process ended, how long it ran (start to exit) and what it printed.</summary>
internal sealed record ChildProcessResult(int ExitCode, TimeSpan Elapsed, string StandardOutput, string StandardError)
{
    /// <summary>The last lines of stderr (or stdout when stderr is empty), for an error message.</summary>
    public string Tail(int lines = 15)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(Environment.NewLine + "    ", all.TakeLast(lines));
    }
}
