namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>The server process's own <c>uid:gid</c>, for containers that write into the server's host folders.</summary>
internal static class HostUser
{
    private static readonly Lazy<string> LazyCurrent = new(Read);

    /// <summary>The effective uid and gid, read once (they do not change); empty (the image's user) where there is no /proc.</summary>
    public static string Current => LazyCurrent.Value;

    private static string Read()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return "";
        }

        // "Uid:\treal\teffective\tsaved\tfs": the effective id is the one the kernel checks files against.
        string? Effective(string[] lines, string key) =>
            lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2);
        var lines = File.ReadAllLines(status);
        return Effective(lines, "Uid:") is { } uid && Effective(lines, "Gid:") is { } gid ? $"{uid}:{gid}" : "";
    }
}
