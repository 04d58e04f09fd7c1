using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// The embedded default runner: each attempt is a local process, started without a shell (arguments are an argv
/// list, so inputs need no quoting), its stdout and stderr copied into the attempt's log files as they come.
/// </summary>
public sealed partial class ProcessStepRunner(ProcessRunnerOptions options, StepProgramCatalog programs, ILogger<ProcessStepRunner> logger) : IStepRunner
{
    private static readonly TimeSpan PipeDrainLimit = TimeSpan.FromSeconds(2);

    /// <summary>This server process, as the watcher of the steps it starts.</summary>
    private static readonly ProcessIdentity? Self = ProcessIdentity.Of(Environment.ProcessId);

    public string Name => StepRunners.Process;

    public bool CanRun(StepSpec spec) => spec.Program is not null || spec.Command is not null;

    public IReadOnlyList<StepRefusal> Refusals(StepSpec spec) =>
        spec.Command is { } command && !CommandAllowList.Allows(options.AllowedCommands, command)
            ? [new("command", $"command '{command}' is not allowed on this server: {CommandAllowList.Setting} lists the commands steps may run "
                + "(none by default, when only 'program' steps run)")]
            : [];

    public async Task<AttemptResult> RunAsync(StepLaunch launch, CancellationToken cancellationToken)
    {
        ProcessStartInfo start;
        try
        {
            start = StartInfo(launch);
        }
        catch (FileNotFoundException e)
        {
            return new AttemptResult(AttemptStates.Failed, null, e.Message, Retryable: false);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(launch.Logs.StdoutPath)!);
        if (OrphanAdoption.Find(launch) is { } orphan)
        {
            // The adopted attempt's work is this attempt's now: it keeps the right to publish.
            AttemptFence.Grant(launch.Logs, orphan.Record.Attempt);
            return await AdoptAsync(orphan, launch, cancellationToken);
        }

        // Revokes any earlier attempt still running somewhere (a server cut off from the database).
        AttemptFence.Grant(launch);

        // Any command may write its output where ${{ step.output }} says; the step programs replace the folder whole.
        Directory.CreateDirectory(launch.Spec.OutputFolder);
        if (launch.Spec.StateFolder is { } state)
        {
            Directory.CreateDirectory(state);
        }

        foreach (var asset in launch.Spec.AssetFolders ?? [])
        {
            Directory.CreateDirectory(asset);
        }
        // Secret values the step prints are masked on their way into the log files.
        await using var stdoutLog = StepLogStream.Open(launch.Logs.StdoutPath, FileMode.Append);
        await using var stderrLog = StepLogStream.Open(launch.Logs.StderrPath, FileMode.Append);
        await using var stdout = launch.SecretValues.Redacting(stdoutLog);
        await using var stderr = launch.SecretValues.Redacting(stderrLog);
        var record = LaunchRecord.For(launch.Logs, launch.Attempt);
        var ownGroup = ProcessGroups.StartInOwnGroup(start, record.ExitPath);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
            if (ownGroup)
            {
                Remember(record, process.Id, launch.Attempt);
                StartStep(process);
            }
        }
        catch (Win32Exception e)
        {
            var message = $"cannot start {start.FileName}: {e.Message}";
            await stderr.WriteAsync(System.Text.Encoding.UTF8.GetBytes(message + Environment.NewLine), CancellationToken.None);
            return new AttemptResult(AttemptStates.Failed, null, message, Retryable: false);
        }

        Log.Started(logger, launch.Attempt.ToString(), process.Id, start.FileName);
        // Copied with CancellationToken.None: the pipes end when the process does, and its last words matter most.
        var copies = Task.WhenAll(
            process.StandardOutput.BaseStream.CopyToAsync(stdout, CancellationToken.None),
            process.StandardError.BaseStream.CopyToAsync(stderr, CancellationToken.None));
        var stopped = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (ownGroup && launch.HandingOver && TryRelease(record, launch.Attempt))
        {
            // The server is shutting down after its drain: the step runs on, for its next attempt to adopt.
            Log.HandedOver(logger, launch.Attempt.ToString(), process.Id);
            return new AttemptResult(AttemptStates.Cancelled, null, "handed over", Retryable: true);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            await StopAsync(process, launch.Attempt, ownGroup);
        }

        if (stopped)
        {
            // Stopped here: its end is no result for a later attempt to adopt. One that ended on its own keeps its
            // record until its end is recorded (Settled), so that a server started after this one dies in between
            // takes the exit code instead of running the step again.
            Forget(record);
        }

        // A child the step left behind (a background job) keeps the pipes open; its output after the step ended
        // is not the step's, so the copy gets a moment to drain and is then abandoned.
        await Task.WhenAny(copies, Task.Delay(PipeDrainLimit, CancellationToken.None));
        var result = stopped
            ? new AttemptResult(AttemptStates.Cancelled, process.ExitCode, "stopped", Retryable: true)
            : StepExitCodes.ToResult(process.ExitCode, launch.Logs.StderrPath);
        if (StepLogStream.Describe(stdoutLog, stderrLog) is { } dropped)
        {
            Log.OutputDropped(logger, launch.Attempt.ToString(), dropped);
        }

        return StepLogStream.Report(result, stdoutLog, stderrLog);
    }

    /// <summary>Waits for the orphaned process of an attempt whose server died, and records its end as this attempt's.</summary>
    private async Task<AttemptResult> AdoptAsync(OrphanAdoption orphan, StepLaunch launch, CancellationToken cancellationToken)
    {
        var note = orphan.Describe(launch.Attempt.Attempt);
        orphan.CarryLogs(launch, note);
        Log.Adopted(logger, launch.Attempt.ToString(), orphan.Step.ProcessId, orphan.Record.Attempt);
        var stopped = false;
        try
        {
            await orphan.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            await orphan.StopAsync(options.StopGracePeriod);
        }

        var exitCode = orphan.Record.ReadExitCode();
        if (stopped)
        {
            Forget(orphan.Record);
            return new AttemptResult(AttemptStates.Cancelled, exitCode, "stopped", Retryable: true);
        }

        return exitCode is { } code
            ? StepExitCodes.ToResult(code, launch.Logs.StderrPath)
            : new AttemptResult(AttemptStates.Failed, null, $"{note}; it ended without an exit code (killed)", Retryable: true);
    }

    /// <summary>
    /// The attempt's end is recorded: its launch record goes, with those of the earlier attempts it adopted or that can
    /// no longer be adopted (a record names a process a later attempt has taken over or that was stopped).
    /// </summary>
    public void Settled(StepLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        foreach (var record in LaunchRecord.UpTo(launch.Logs, launch.Attempt))
        {
            Forget(record);
        }
    }

    private void Remember(LaunchRecord record, int processId, AttemptKey attempt)
    {
        try
        {
            if (ProcessIdentity.Of(processId) is { } step && Self is { } self)
            {
                record.Write(step, self);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The step runs all the same; only a server started after this one dies could not adopt it.
            Log.NotRecorded(logger, attempt.ToString(), e.Message);
        }
    }

    /// <summary>Tells the wrapper its launch is recorded, so the step may start (<see cref="ProcessGroups.Go"/>).</summary>
    private static void StartStep(Process process)
    {
        try
        {
            process.StandardInput.Write(ProcessGroups.Go);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The wrapper is gone already (killed): its exit says so.
        }
    }

    private bool TryRelease(LaunchRecord record, AttemptKey attempt)
    {
        try
        {
            record.Release();
            return File.Exists(record.ProcessPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.NotRecorded(logger, attempt.ToString(), e.Message);
            return false;
        }
    }

    private static void Forget(LaunchRecord record)
    {
        try
        {
            record.Delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, it names a process that ended with its watcher alive: a later attempt ignores it.
        }
    }

    private ProcessStartInfo StartInfo(StepLaunch launch)
    {
        var spec = launch.Spec;
        var start = spec.Program is { } program ? programs.Command(program).StartInfo()
            : new ProcessStartInfo(spec.Command ?? throw new InvalidOperationException("the process runner runs programs and commands, not images"));
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = false;
        start.UseShellExecute = false;
        start.WorkingDirectory = options.WorkingDirectory ?? Directory.GetCurrentDirectory();

        foreach (var arg in spec.Args)
        {
            start.ArgumentList.Add(arg);
        }

        // Not the server's environment: an allow-list of it, then the step's own (secrets it names included).
        start.Environment.Clear();
        foreach (var (name, value) in InheritedEnvironment.From(options.PassEnvironment, Environment.GetEnvironmentVariable))
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in StepEnvironment.For(launch))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private async Task StopAsync(Process process, AttemptKey attempt, bool ownGroup)
    {
        // With a group of its own, the whole group at once, double-forked processes that left the tree included:
        // signalled one by one, a shell whose child died first could run its next command in between. Then the
        // tree, children first (a shell that dies first would leave its children to run on), for any that left
        // the group.
        if (ownGroup)
        {
            PosixSignals.TerminateGroup(process.Id);
        }

        var tree = ProcessTree.Descendants(process.Id);
        foreach (var pid in tree.Reverse())
        {
            PosixSignals.Terminate(pid);
        }

        PosixSignals.Terminate(process.Id);

        using var grace = new CancellationTokenSource(options.StopGracePeriod);
        try
        {
            await process.WaitForExitAsync(grace.Token);
            Log.Stopped(logger, attempt.ToString(), process.Id);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Log.Killed(logger, attempt.ToString(), process.Id, options.StopGracePeriod.TotalSeconds);
        }

        // Children that ignored SIGTERM, now orphaned, go too.
        if (ownGroup)
        {
            PosixSignals.KillGroup(process.Id);
        }

        foreach (var pid in tree)
        {
            try
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    // Unbuffered, so that a follower of the log sees each write as it lands.
    private static partial class Log
    {
        [LoggerMessage(4, LogLevel.Warning, "attempt {Attempt}: {Dropped}")]
        public static partial void OutputDropped(ILogger logger, string attempt, string dropped);

        [LoggerMessage(5, LogLevel.Warning, "attempt {Attempt}: adopted process {ProcessId} of attempt {Adopted}, left running by a server that stopped, instead of running the step again")]
        public static partial void Adopted(ILogger logger, string attempt, int processId, int adopted);

        [LoggerMessage(7, LogLevel.Information, "attempt {Attempt}: process {ProcessId} left running on shutdown, for the step's next attempt to adopt")]
        public static partial void HandedOver(ILogger logger, string attempt, int processId);

        [LoggerMessage(6, LogLevel.Warning, "attempt {Attempt}: its process could not be recorded for adoption ({Reason}); if this server dies, the step will run again")]
        public static partial void NotRecorded(ILogger logger, string attempt, string reason);

        [LoggerMessage(1, LogLevel.Debug, "attempt {Attempt} started as process {ProcessId} ({FileName})")]
        public static partial void Started(ILogger logger, string attempt, int processId, string fileName);

        [LoggerMessage(2, LogLevel.Information, "attempt {Attempt}: process {ProcessId} stopped on SIGTERM")]
        public static partial void Stopped(ILogger logger, string attempt, int processId);

        [LoggerMessage(3, LogLevel.Warning, "attempt {Attempt}: process {ProcessId} ignored SIGTERM for {Seconds} s and was killed")]
        public static partial void Killed(ILogger logger, string attempt, int processId, double seconds);
    }
}
