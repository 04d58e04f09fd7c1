using System.Globalization;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// What the process runner leaves beside an attempt's logs while its step runs, so that a server started after this
/// one died can find the step again instead of running it twice: <c>{attempt}.process</c> (which process runs the
/// step, and which server process watches it, written once it started) and <c>{attempt}.exit</c> (its exit code,
/// written by the wrapper the step runs under when it ends, whoever watches). The runner removes both once it has
/// seen the end itself; a record that is still there, with its watcher gone, means no server saw its attempt end.
/// </summary>
internal sealed record LaunchRecord(int Attempt, string ProcessPath, string ExitPath)
{
    private const string ProcessSuffix = ".process";

    public static LaunchRecord For(AttemptLogs logs, AttemptKey attempt)
    {
        var stem = Path.Combine(Path.GetDirectoryName(logs.StdoutPath)!, attempt.Attempt.ToString(CultureInfo.InvariantCulture));
        return new LaunchRecord(attempt.Attempt, stem + ProcessSuffix, stem + ".exit");
    }

    /// <summary>The records of this step's attempts up to <paramref name="attempt"/> (its own included), latest first.</summary>
    public static IReadOnlyList<LaunchRecord> UpTo(AttemptLogs logs, AttemptKey attempt)
    {
        var folder = Path.GetDirectoryName(logs.StdoutPath)!;
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*" + ProcessSuffix)
            .Select(path => int.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0 && n <= attempt.Attempt)
            .OrderDescending()
            .Select(n => For(logs, attempt with { Attempt = n }))];
    }

    /// <summary>
    /// Which process runs the attempt and which watches it; written to a temporary file and renamed, so a reader never
    /// sees half.
    /// </summary>
    public void Write(ProcessIdentity step, ProcessIdentity watcher)
    {
        var temporary = ProcessPath + ".tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture,
            $"{step.ProcessId} {step.StartTicks} {step.BootId} {watcher.ProcessId} {watcher.StartTicks}\n"));
        File.Move(temporary, ProcessPath, overwrite: true);
    }

    /// <summary>The step's process and its watcher as recorded, or null when the record is missing or unreadable.</summary>
    public (ProcessIdentity Step, ProcessIdentity Watcher)? Read()
    {
        try
        {
            var fields = File.ReadAllText(ProcessPath).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return fields.Length == 5
                && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var watcherPid)
                && long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var watcherTicks)
                    ? (new ProcessIdentity(pid, ticks, fields[2]), new ProcessIdentity(watcherPid, watcherTicks, fields[2]))
                    : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The exit code the wrapper wrote, or null when the process has not ended or was killed outright.</summary>
    public int? ReadExitCode()
    {
        try
        {
            return int.TryParse(File.ReadAllText(ExitPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether its server let go of the step on shutdown (<see cref="Release"/>): it may be adopted at once.</summary>
    public bool Released => File.Exists(ReleasedPath);

    private string ReleasedPath => Path.ChangeExtension(ProcessPath, ".released");

    /// <summary>
    /// Says the watching server lets go of the step while it still runs (a shutdown after its drain): the next
    /// attempt may adopt it although that server process has not exited yet.
    /// </summary>
    public void Release() => File.WriteAllText(ReleasedPath, "");

    /// <summary>Forgets the attempt's process: its end has been seen.</summary>
    public void Delete()
    {
        File.Delete(ProcessPath);
        File.Delete(ExitPath);
        File.Delete(ReleasedPath);
    }
}
