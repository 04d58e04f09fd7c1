using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Tests.ProcessRunner;

/// <summary>The process runner with real processes (/bin/sh): output capture, exit codes, stopping.</summary>
public sealed class ProcessStepRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "proc-runner-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ProcessRunnerOptions _options = new() { StopGracePeriod = TimeSpan.FromMilliseconds(500) };

    private ProcessStepRunner Runner => new(_options, new StepProgramCatalog(_options), NullLogger<ProcessStepRunner>.Instance);

    private StepLaunch Shell(string script, params string[] extraArgs)
    {
        var key = new AttemptKey("run-1", "step", 1);
        var spec = new StepSpec { Command = "/bin/sh", Args = ["-c", script, "sh", .. extraArgs], OutputFolder = Path.Combine(_folder, "out") };
        return new StepLaunch(key, spec, AttemptLogs.For(_folder, key));
    }

    [Fact]
    public async Task Output_goes_to_the_attempt_logs_and_arguments_arrive_whole_without_a_shell_in_between()
    {
        var launch = Shell("""echo "out:$1|$2"; echo "env:$PIPELINE_RUN_ID/$PIPELINE_STEP_ID/$PIPELINE_ATTEMPT" ; echo "to err" >&2""", "two words", "$HOME;rm -rf /");

        var result = await Runner.RunAsync(launch, CancellationToken.None);

        Assert.Equal(AttemptStates.Succeeded, result.State);
        Assert.Equal(0, result.ExitCode);
        var stdout = await File.ReadAllLinesAsync(launch.Logs.StdoutPath);
        Assert.Equal(["out:two words|$HOME;rm -rf /", "env:run-1/step/1"], stdout);
        Assert.Equal("to err", (await File.ReadAllTextAsync(launch.Logs.StderrPath)).Trim());
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(70, true)]
    [InlineData(75, true)]
    [InlineData(64, false)]
    [InlineData(65, false)]
    [InlineData(66, false)]
    [InlineData(78, false)]
    public async Task A_failure_is_retryable_unless_the_step_said_retrying_will_not_help(int exitCode, bool retryable)
    {
        var result = await Runner.RunAsync(Shell($"echo 'error: data.csv:3:7: bad number' >&2; echo trailing >&2; exit {exitCode}"), CancellationToken.None);

        Assert.Equal(AttemptStates.Failed, result.State);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(retryable, result.Retryable);
        // The step's own error line, not whatever it printed last.
        Assert.Equal($"exited with code {exitCode}: error: data.csv:3:7: bad number", result.Error);
    }

    [Fact]
    public async Task A_newer_attempt_revokes_the_fence_of_an_older_one_still_running()
    {
        var older = Shell("""sleep 1.5; echo "may publish: $(cat "$PIPELINE_FENCE")" """);
        var running = Runner.RunAsync(older, CancellationToken.None);
        await Task.Delay(500);
        var key = new AttemptKey("run-1", "step", 2);
        var newer = new StepLaunch(key, older.Spec with { Args = ["-c", """echo "may publish: $(cat "$PIPELINE_FENCE")" """] }, AttemptLogs.For(_folder, key));

        Assert.Equal(AttemptStates.Succeeded, (await Runner.RunAsync(newer, CancellationToken.None)).State);
        Assert.Equal(AttemptStates.Succeeded, (await running).State);

        // Both read the same token: the older attempt, had it been a step program, would not have published.
        Assert.Equal(["may publish: 2"], await File.ReadAllLinesAsync(newer.Logs.StdoutPath));
        Assert.Equal(["may publish: 2"], await File.ReadAllLinesAsync(older.Logs.StdoutPath));
    }

    [Fact]
    public async Task A_command_that_does_not_exist_fails_without_retries_and_says_so()
    {
        var key = new AttemptKey("run-1", "step", 1);
        var spec = new StepSpec { Command = "/no/such/program", OutputFolder = _folder };

        var result = await Runner.RunAsync(new StepLaunch(key, spec, AttemptLogs.For(_folder, key)), CancellationToken.None);

        Assert.Equal(AttemptStates.Failed, result.State);
        Assert.False(result.Retryable);
        Assert.Contains("/no/such/program", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_sends_SIGTERM_first_so_a_step_can_end_cleanly()
    {
        // A loop, not 'sleep 30 & wait': the runner signals children first, and a 'wait' whose child died would let
        // the script end on its own before its own SIGTERM arrived, so the trap would never run.
        var launch = Shell("trap 'echo got-term; exit 143' TERM; echo started; while true; do sleep 0.1; done");
        using var stop = new CancellationTokenSource();
        var running = Runner.RunAsync(launch, stop.Token);
        await WaitForLineAsync(launch.Logs.StdoutPath, "started");

        var watch = Stopwatch.StartNew();
        await stop.CancelAsync();
        var result = await running;

        Assert.Equal(AttemptStates.Cancelled, result.State);
        Assert.Contains("got-term", await File.ReadAllTextAsync(launch.Logs.StdoutPath), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_step_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var launch = Shell("trap '' TERM; echo started; while true; do sleep 0.1; done");
        using var stop = new CancellationTokenSource();
        var running = Runner.RunAsync(launch, stop.Token);
        await WaitForLineAsync(launch.Logs.StdoutPath, "started");

        await stop.CancelAsync();
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(AttemptStates.Cancelled, result.State);
    }

    [Fact]
    public async Task Stopping_reaches_a_double_forked_child_that_left_the_process_tree()
    {
        // The inner subshell is orphaned at once (its parent exits), so /proc no longer lists it under the step.
        var late = Path.Combine(_folder, "late.txt");
        var launch = Shell($"( (sleep 1.5; echo late > {late}) & ); echo started; while true; do sleep 0.1; done");
        using var stop = new CancellationTokenSource();
        var running = Runner.RunAsync(launch, stop.Token);
        await WaitForLineAsync(launch.Logs.StdoutPath, "started");

        await stop.CancelAsync();
        Assert.Equal(AttemptStates.Cancelled, (await running).State);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False(File.Exists(late), "the orphaned child outlived its stopped step and wrote after it");
    }

    [Fact]
    public async Task A_log_that_cannot_be_written_never_hangs_the_step_and_the_attempt_says_so()
    {
        // /dev/full answers every write with ENOSPC, as a full data root does; 1 MB is far more than a pipe holds.
        var launch = Shell("head -c 1000000 /dev/zero | tr '\\0' x; echo finished >&2");
        Directory.CreateDirectory(Path.GetDirectoryName(launch.Logs.StdoutPath)!);
        File.CreateSymbolicLink(launch.Logs.StdoutPath, "/dev/full");

        var result = await Runner.RunAsync(launch, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(AttemptStates.Succeeded, result.State);
        Assert.StartsWith("1000000 bytes of the step's output were not logged: ", result.Error, StringComparison.Ordinal);
        // Counted for the metrics (pipeline_step_log_dropped_bytes_total) as well.
        Assert.Equal(1_000_000, result.LogBytesDropped);
        Assert.Equal("finished", (await File.ReadAllTextAsync(launch.Logs.StderrPath)).Trim());
    }

    private static async Task WaitForLineAsync(string path, string line)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (File.Exists(path) && (await File.ReadAllTextAsync(path)).Contains(line, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"'{line}' never appeared in {path}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
