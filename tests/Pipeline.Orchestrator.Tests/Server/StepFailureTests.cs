using System.Diagnostics;
using System.Globalization;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

public sealed class StepFailureTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task A_step_failing_with_a_retryable_exit_code_gets_its_retries()
    {
        var runId = await Server.TriggerAsync("exit-3");

        var detail = await Server.WaitForEndAsync(runId);

        Assert.Equal("failed", ApiServer.RunState(detail));
        Assert.Equal("failed", ApiServer.StepState(detail, "fail"));
        Assert.Equal(["failed", "failed"], ApiServer.Attempts(detail, "fail"));
        Assert.Equal(["3", "3"], ApiServer.ExitCodes(detail, "fail"));
        Assert.Equal("attempt\n", await Server.LogAsync(runId, "fail", 2));
    }

    [Fact]
    public async Task A_step_exiting_65_is_not_retried()
    {
        var runId = await Server.TriggerAsync("exit-65");

        var detail = await Server.WaitForEndAsync(runId);

        Assert.Equal("failed", ApiServer.RunState(detail));
        Assert.Equal(["failed"], ApiServer.Attempts(detail, "fail"));
        Assert.Equal(["65"], ApiServer.ExitCodes(detail, "fail"));
    }

    [Fact]
    public async Task A_step_over_its_timeout_is_stopped_and_fails()
    {
        var watch = Stopwatch.StartNew();
        var runId = await Server.TriggerAsync("slow");

        var detail = await Server.WaitForEndAsync(runId, TimeSpan.FromSeconds(25));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the run took {watch.Elapsed}");
        Assert.Equal("failed", ApiServer.RunState(detail));
        Assert.Equal("failed", ApiServer.StepState(detail, "sleepy"));
        Assert.Equal(["timed-out"], ApiServer.Attempts(detail, "sleepy"));
    }

    [Fact]
    public async Task Cancelling_a_running_run_stops_its_process()
    {
        var pidFile = Path.Combine(Server.Scratch, $"sleep-{Guid.NewGuid():N}.pid");
        var runId = await Server.TriggerAsync("sleeper", new() { ["pidfile"] = pidFile });
        var pid = await PidAsync(pidFile);
        Assert.True(Directory.Exists($"/proc/{pid}"), "the step's process should be alive before the cancel");
        Assert.Equal("running", ApiServer.StepState(await Server.RunAsync(runId), "sleep"));

        var (status, body) = await Server.PostAsync($"/api/runs/{runId}/cancel");

        Assert.Equal(200, status);
        Assert.Equal("cancelled", body!["state"]!.GetValue<string>());
        var watch = Stopwatch.StartNew();
        while (IsAlive(pid) && watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(50);
        }

        Assert.False(IsAlive(pid), $"process {pid} still runs {watch.Elapsed} after the cancel");
        var detail = await Server.WaitForAsync(runId, d => ApiServer.Attempts(d, "sleep") is [not "running"]);
        Assert.Equal("cancelled", ApiServer.RunState(detail));
        Assert.Equal("cancelled", ApiServer.StepState(detail, "sleep"));
        Assert.Equal(["cancelled"], ApiServer.Attempts(detail, "sleep"));
        var (again, _) = await Server.PostAsync($"/api/runs/{runId}/cancel");
        Assert.Equal(409, again);
    }

    internal static async Task<int> PidAsync(string pidFile)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"no pid in {pidFile}");
        return 0;
    }

    /// <summary>Whether the process exists and is not a zombie waiting to be reaped.</summary>
    internal static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
