using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipeline.Orchestrator.Tests.Server;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Cli;

public sealed partial class CliTests : IDisposable
{
    private readonly TempFolder _folder = new("orchestrator-cli");

    public CliTests()
    {
        var workflows = _folder.Sub("workflows", create: true);
        WriteTo(workflows, TestFlows.Greet());
        WriteTo(workflows, TestFlows.Exits("fails", 1, 0));
        WriteTo(workflows, TestFlows.Gate("gate"));
        var typed = Workflow("typed", [Step("echo", "echo \"$1\"", args: ["${{ inputs.count }}"])]);
        typed["inputs"] = new JsonObject { ["count"] = new JsonObject { ["type"] = "integer", ["default"] = "1" } };
        WriteTo(workflows, typed);
    }

    private Task<CliResult> RunAsync(params string[] args) => OrchestratorProcess.RunAsync(
        [.. args, "--sqlite", _folder.Sub("pipeline.db"), "--data-root", _folder.Sub("data"), "--workflows", _folder.Sub("workflows")]);

    [Fact]
    public async Task Run_wait_exits_0_for_a_succeeding_workflow_and_prints_step_progress()
    {
        var result = await RunAsync("run", "greet", "--wait", "--input", "name=cli");

        Assert.True(result.ExitCode == 0, result.ToString());
        var runId = RunIdOf(result);
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d  say\s+succeeded$", result.Stdout);
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d  after\s+succeeded$", result.Stdout);
        Assert.Matches($@"(?m)^run {runId} succeeded in \d+\.\d s$", result.Stdout);

        var logs = await RunAsync("logs", runId, "say");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal("hello cli\n", logs.Stdout);
        var stderr = await RunAsync("logs", runId, "say", "--stderr");
        Assert.Equal("a warning\n", stderr.Stdout);

        var status = await RunAsync("status", runId);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"run {runId}: greet version 1, succeeded, triggered by manual", status.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  say\s+succeeded\s+attempts 1$", status.Stdout);
        Assert.Matches(@"(?m)^    #1 succeeded \d+\.\d s on .+, exit 0$", status.Stdout);
    }

    [Fact]
    public async Task Run_wait_exits_1_for_a_failing_workflow()
    {
        var result = await RunAsync("run", "fails", "--wait");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"(?m)^\d\d:\d\d:\d\d  fail\s+failed: .*1", result.Stdout);
        Assert.Matches($@"(?m)^run {RunIdOf(result)} failed", result.Stdout);
    }

    [Fact]
    public async Task Run_with_a_bad_input_exits_2_and_names_the_input_with_its_path()
    {
        var result = await RunAsync("run", "typed", "--wait", "--input", "count=many");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Matches(@"(?m)^  \S*count\S*: .*many", result.Stderr);
        Assert.DoesNotContain("run ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reports_every_problem_with_its_path_and_exits_2()
    {
        var bad = _folder.Sub("bad.json");
        await File.WriteAllTextAsync(bad, """
            { "id": "Bad Id", "name": "bad", "steps": [ { "id": "a", "command": "/bin/true", "dependsOn": ["nope"] } ] }
            """);
        var good = Path.Combine(_folder.Sub("workflows"), "greet.json");

        var result = await OrchestratorProcess.RunAsync(["validate", bad, good]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("bad.json: $.id: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.json: $.steps[0].dependsOn[0]: unknown step 'nope'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("greet.json: valid", result.Stdout, StringComparison.Ordinal);
        var valid = await OrchestratorProcess.RunAsync(["validate", good]);
        Assert.True(valid.ExitCode == 0, valid.ToString());
    }

    [Fact]
    public async Task Retry_a_step_with_wait_reruns_it_and_exits_0()
    {
        var marker = _folder.Sub("marker");
        var failed = await RunAsync("run", "gate", "--wait", "--input", $"marker={marker}");
        Assert.True(failed.ExitCode == 1, failed.ToString());
        var runId = RunIdOf(failed);
        await File.WriteAllTextAsync(marker, "ok");

        var retried = await RunAsync("retry", runId, "--step", "middle", "--wait");

        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Contains($"run {runId}: retrying step 'middle'", retried.Stdout, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^run {runId} succeeded", retried.Stdout);
        var status = await RunAsync("status", runId);
        Assert.Matches(@"(?m)^  first\s+succeeded\s+attempts 1$", status.Stdout);
        Assert.Matches(@"(?m)^  middle\s+succeeded\s+attempts 2$", status.Stdout);
        Assert.Matches(@"(?m)^  last\s+succeeded\s+attempts 1$", status.Stdout);
    }

    [Fact]
    public async Task Status_and_logs_of_an_unknown_run_exit_2()
    {
        var status = await RunAsync("status", "no-such-run");
        var logs = await RunAsync("logs", "no-such-run", "say");

        Assert.True(status.ExitCode == 2, status.ToString());
        Assert.Contains("no run 'no-such-run'", status.Stderr, StringComparison.Ordinal);
        Assert.True(logs.ExitCode == 2, logs.ToString());
    }

    public void Dispose() => _folder.Dispose();

    internal static string RunIdOf(CliResult result)
    {
        var match = RunLine().Match(result.Stdout);
        Assert.True(match.Success, result.ToString());
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"(?m)^run (\S+) of \S+ version \d+$")]
    private static partial Regex RunLine();
}
