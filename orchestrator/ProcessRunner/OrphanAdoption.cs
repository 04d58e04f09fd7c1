using System.Globalization;
using System.Text;
using Pipeline.Orchestrator.Engine.Runners;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// A step process whose server died (<c>kill -9</c>, a crash, an out-of-memory kill) runs on: its server's lease
/// lapses, the step is claimed again as its next attempt, and starting it afresh would do the work twice, both
/// copies writing the same output. So the next attempt adopts it instead, as the Docker runner adopts containers:
/// it waits for the orphan (or takes the exit code it already left) and records that as its own end.
/// Adopted: an earlier (or this) attempt's process that is still running, or that ended with an exit code, on this
/// machine and boot, whose watching server process is gone or let go of it on shutdown. Not adopted: one whose server still watches it (a server
/// cut off from the database stops its own lapsed steps), one on another machine sharing the data root (its pid
/// means nothing here: the step runs again), and one that ended without an exit code (killed with its group: the
/// work did not finish, so it runs again).
/// </summary>
internal sealed record OrphanAdoption(LaunchRecord Record, ProcessIdentity Step)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The orphan this attempt takes over, if any; records that can never be adopted are removed.</summary>
    public static OrphanAdoption? Find(StepLaunch launch)
    {
        foreach (var record in LaunchRecord.UpTo(launch.Logs, launch.Attempt))
        {
            if (record.Read() is not var (step, watcher) || step.BootId != ProcessIdentity.CurrentBoot)
            {
                // Unreadable, or written on another machine or before a reboot: nothing here to wait for.
                continue;
            }

            if (watcher.IsRunning() && !record.Released)
            {
                continue;
            }

            if (step.IsRunning() || record.ReadExitCode() is not null)
            {
                return new OrphanAdoption(record, step);
            }

            record.Delete();
        }

        return null;
    }

    /// <summary>Whether the orphan has ended since it was found.</summary>
    public bool Ended => !Step.IsRunning();

    /// <summary>Waits until the orphan ends.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (!Ended)
        {
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Stops the orphan as a step of this server is stopped: SIGTERM to its group, then SIGKILL after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        PosixSignals.TerminateGroup(Step.ProcessId);
        var deadline = TimeProvider.System.GetUtcNow() + grace;
        while (!Ended && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, CancellationToken.None);
        }

        PosixSignals.KillGroup(Step.ProcessId);
    }

    /// <summary>
    /// Starts this attempt's logs with a line saying what it adopted, then the earlier attempt's logs, so that the
    /// attempt's log reads whole and its failure is the step's own last error line.
    /// </summary>
    public void CarryLogs(StepLaunch launch, string note)
    {
        try
        {
            CopyLogs(launch, note);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full data root: the adoption goes on with what the log holds; the earlier attempt's log is still there.
        }
    }

    private void CopyLogs(StepLaunch launch, string note)
    {
        var line = Encoding.UTF8.GetBytes($"[pipeline] {note}{Environment.NewLine}");
        using (var stderr = new FileStream(launch.Logs.StderrPath, FileMode.Append, FileAccess.Write))
        {
            stderr.Write(line);
            CopyFrom(Record.Attempt, launch, launch.Logs.StderrPath, stderr);
        }

        using var stdout = new FileStream(launch.Logs.StdoutPath, FileMode.Append, FileAccess.Write);
        CopyFrom(Record.Attempt, launch, launch.Logs.StdoutPath, stdout);
    }

    private static void CopyFrom(int attempt, StepLaunch launch, string ownPath, Stream into)
    {
        if (attempt == launch.Attempt.Attempt)
        {
            return;
        }

        var earlier = AttemptLogs.For("/", launch.Attempt with { Attempt = attempt });
        var folder = Path.GetDirectoryName(ownPath)!;
        var path = Path.Combine(folder, Path.GetFileName(ownPath == launch.Logs.StdoutPath ? earlier.StdoutPath : earlier.StderrPath));
        if (File.Exists(path))
        {
            using var source = File.OpenRead(path);
            source.CopyTo(into);
        }
    }

    /// <summary>What the attempt's log says about the adoption.</summary>
    public string Describe(int attempt) => Record.Attempt == attempt
        ? string.Create(CultureInfo.InvariantCulture, $"took over this attempt's process {Step.ProcessId}, which ran on after its server stopped; what it printed since then was not captured")
        : string.Create(CultureInfo.InvariantCulture, $"adopted attempt {Record.Attempt}'s process {Step.ProcessId}, which ran on after its server stopped, instead of running the step again; attempt {Record.Attempt}'s log follows, and what the step printed after its server stopped was not captured");
}
