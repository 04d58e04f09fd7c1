namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// Whether <c>Runner:Process:AllowedCommands</c> lets a command run: an entry equal to the command as written, or a
/// folder entry (<c>/opt/tools/*</c>) holding it directly. A command under a folder entry must be an absolute,
/// normalized path (no <c>..</c>, <c>.</c> or doubled slashes), so it cannot climb out of the folder.
/// </summary>
public static class CommandAllowList
{
    public const string Setting = "Runner:Process:AllowedCommands";

    public static bool Allows(IEnumerable<string> entries, string command)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(command);
        foreach (var entry in entries)
        {
            if (string.Equals(entry, command, StringComparison.Ordinal))
            {
                return true;
            }

            if (IsFolder(entry) && command.StartsWith(entry[..^1], StringComparison.Ordinal))
            {
                var name = command[(entry.Length - 1)..];
                if (name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) && name is not ("." or "..")
                    && string.Equals(Path.GetFullPath(command), command, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Why an entry cannot be used, or null when it is fine (checked when the server starts).</summary>
    public static string? Problem(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return "an entry must not be empty";
        }

        var star = entry.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0 && !(IsFolder(entry) && star == entry.Length - 1))
        {
            return $"'{entry}': '*' is allowed only as the last character of an absolute folder, as in /opt/tools/*";
        }

        return IsFolder(entry) && !string.Equals(Path.GetFullPath(entry[..^1]).TrimEnd('/') + "/", entry[..^1], StringComparison.Ordinal)
            ? $"'{entry}': the folder must be absolute and normalized (no '..', '.' or doubled '/')"
            : null;
    }

    private static bool IsFolder(string entry) => entry.Length > 2 && entry[0] == '/' && entry.EndsWith("/*", StringComparison.Ordinal);
}
