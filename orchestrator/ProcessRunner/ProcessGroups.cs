using System.Diagnostics;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// Starts each step in a session (and process group) of its own, through util-linux's <c>setsid</c>, under a small
/// <c>/bin/sh</c> wrapper (the group's leader, whose pid the runner knows). A stop then signals the whole group: the
/// <c>/proc</c> tree misses a double-forked child, reparented to init, that would run on and write after its run
/// failed. The wrapper writes the step's exit code to a file when it ends, so a server started after this one died
/// learns how a step it did not start ended (<see cref="OrphanAdoption"/>); it starts the step only once the runner
/// has recorded the launch (<see cref="Go"/>). It ignores SIGPIPE, which the step
/// inherits: when its server dies, the step's output pipe breaks, and a step that prints must not die of that (its
/// writes fail instead, as .NET and Python programs already have them). It waits out SIGTERM for the step, which
/// gets the signal through the group and may take its time to stop cleanly. Where <c>setsid</c> or <c>/bin/sh</c>
/// is missing, or the program cannot be found (so the start fails as before, naming it), the step starts directly,
/// only its tree is signalled, and it cannot be adopted.
/// </summary>
internal static class ProcessGroups
{
    private const string Shell = "/bin/sh";

    /// <summary>What the runner writes to the wrapper's stdin once the step's launch is recorded.</summary>
    public const string Go = "go\n";

    // $1 is the exit file; the rest is the step. Builtins only (the step's PATH may be empty); the file is read only
    // once the wrapper has exited, so it is whole by then. The step starts only on the runner's word that its launch
    // is recorded: a server killed in between leaves no record, and a step started then would run twice. Without the
    // word (its server died: end of file) the wrapper exits 75 and the step never starts. The step's stdin is empty.
    private const string Wrapper =
        "trap '' PIPE; trap : TERM INT HUP; IFS= read -r go || exit 75; [ \"$go\" = go ] || exit 75; " +
        "f=$1; shift; \"$@\" </dev/null; code=$?; printf '%s\\n' \"$code\" > \"$f\"; exit $code";

    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// Rewrites <paramref name="start"/> to run in a new session under the wrapper, which writes the exit code to
    /// <paramref name="exitPath"/>; whether it did.
    /// </summary>
    public static bool StartInOwnGroup(ProcessStartInfo start, string exitPath)
    {
        if (Setsid is null || OperatingSystem.IsWindows() || !File.Exists(Shell) || !Resolves(start))
        {
            return false;
        }

        var args = start.ArgumentList.ToList();
        start.ArgumentList.Clear();
        start.ArgumentList.Add(Shell);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Wrapper);
        start.ArgumentList.Add("pipeline-step");
        start.ArgumentList.Add(exitPath);
        start.ArgumentList.Add(start.FileName);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.FileName = Setsid;
        start.RedirectStandardInput = true;
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
