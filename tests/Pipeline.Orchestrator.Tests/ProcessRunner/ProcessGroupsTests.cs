using System.Diagnostics;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Tests.ProcessRunner;

/// <summary>
/// The wrapper a step runs under starts it only on the runner's word that its launch is recorded: a server killed
/// between starting the wrapper and recording it leaves nothing a later attempt could adopt, so the step must not run.
/// </summary>
public sealed class ProcessGroupsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("process-groups-").FullName;

    [Fact]
    public async Task Without_the_runners_word_the_step_never_starts()
    {
        var (process, ran, exit) = StartWrapped();

        // The server died before recording the launch: its end of the pipe closes.
        process.StandardInput.Close();
        await process.WaitForExitAsync();

        Assert.Equal(75, process.ExitCode);
        Assert.False(File.Exists(ran));
        Assert.False(File.Exists(exit));
    }

    [Fact]
    public async Task With_the_runners_word_the_step_runs_and_leaves_its_exit_code()
    {
        var (process, ran, exit) = StartWrapped("exit 3");

        await process.StandardInput.WriteAsync(ProcessGroups.Go);
        process.StandardInput.Close();
        await process.WaitForExitAsync();

        Assert.Equal(3, process.ExitCode);
        Assert.True(File.Exists(ran));
        Assert.Equal("3", (await File.ReadAllTextAsync(exit)).Trim());
    }

    private (Process Process, string Ran, string Exit) StartWrapped(string then = "exit 0")
    {
        var (ran, exit) = (Path.Combine(_folder, "ran"), Path.Combine(_folder, "1.exit"));
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"echo ran > '{ran}'; {then}");
        Assert.True(ProcessGroups.StartInOwnGroup(start, exit));
        return (Process.Start(start)!, ran, exit);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }
}
