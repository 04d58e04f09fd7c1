using System.Diagnostics;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// Starts each step in a session (and process group) of its own, through util-linux's <c>setsid</c>, which execs the
/// step in place (same pid, which is the group's id). A stop then signals the whole group: the <c>/proc</c> tree
/// misses a double-forked child, reparented to init, that would run on and write after its run failed. Where
/// <c>setsid</c> is missing, or the program cannot be found (so the start fails as before, naming it), the step
/// starts directly and only its tree is signalled.
/// </summary>
internal static class ProcessGroups
{
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>Rewrites <paramref name="start"/> to run in a new session; whether it did.</summary>
    public static bool StartInOwnGroup(ProcessStartInfo start)
    {
        if (Setsid is null || OperatingSystem.IsWindows() || !Resolves(start))
        {
            return false;
        }

        var args = start.ArgumentList.ToList();
        start.ArgumentList.Clear();
        start.ArgumentList.Add(start.FileName);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.FileName = Setsid;
        return true;
    }

    /// <summary>Whether the program exists: an absolute or relative path, or a name on the step's PATH.</summary>
    private static bool Resolves(ProcessStartInfo start)
    {
        var file = start.FileName;
        if (file.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(Path.Combine(start.WorkingDirectory is { Length: > 0 } folder ? folder : Directory.GetCurrentDirectory(), file));
        }

        var path = start.Environment.TryGetValue("PATH", out var value) && value is not null ? value : Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, file)));
    }
}
