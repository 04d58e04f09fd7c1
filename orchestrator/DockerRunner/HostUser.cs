namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>The server process's own <c>uid:gid</c>, for containers that write into the server's host folders.</summary>
internal static class HostUser
{
    /// <summary>The effective uid and gid from <c>/proc/self/status</c>; empty (the image's user) where there is none.</summary>
    public static string Current()
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
