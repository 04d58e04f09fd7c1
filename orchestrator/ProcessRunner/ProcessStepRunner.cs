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
        var ownGroup = ProcessGroups.StartInOwnGroup(start);
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
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
        catch (OperationCanceledException)
        {
            stopped = true;
            await StopAsync(process, launch.Attempt, ownGroup);
        }

        // A child the step left behind (a background job) keeps the pipes open; its output after the step ended
        // is not the step's, so the copy gets a moment to drain and is then abandoned.
        await Task.WhenAny(copies, Task.Delay(PipeDrainLimit, CancellationToken.None));
        var result = stopped
            ? new AttemptResult(AttemptStates.Cancelled, process.ExitCode, "stopped", Retryable: true)
            : StepExitCodes.ToResult(process.ExitCode, launch.Logs.StderrPath);
        if (StepLogStream.Describe(stdoutLog, stderrLog) is { } dropped)
        {
            // Said on the attempt (its error, even when it succeeded) as well as in the server's log.
            Log.OutputDropped(logger, launch.Attempt.ToString(), dropped);
            result = result with { Error = result.Error is null ? dropped : $"{result.Error}; {dropped}" };
        }

        return result;
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
        // The whole tree, children first: a shell that dies first would leave its children to run on. With a group
        // of its own, every process of the group too, double-forked ones that left the tree included.
        var tree = ProcessTree.Descendants(process.Id);
        foreach (var pid in tree.Reverse())
        {
            PosixSignals.Terminate(pid);
        }

        PosixSignals.Terminate(process.Id);
        if (ownGroup)
        {
            PosixSignals.TerminateGroup(process.Id);
        }

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

        [LoggerMessage(1, LogLevel.Debug, "attempt {Attempt} started as process {ProcessId} ({FileName})")]
        public static partial void Started(ILogger logger, string attempt, int processId, string fileName);

        [LoggerMessage(2, LogLevel.Information, "attempt {Attempt}: process {ProcessId} stopped on SIGTERM")]
        public static partial void Stopped(ILogger logger, string attempt, int processId);

        [LoggerMessage(3, LogLevel.Warning, "attempt {Attempt}: process {ProcessId} ignored SIGTERM for {Seconds} s and was killed")]
        public static partial void Killed(ILogger logger, string attempt, int processId, double seconds);
    }
}
