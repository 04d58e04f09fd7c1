using Pipeline.Orchestrator.Tests.Server;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Cli;

/// <summary>
/// <c>remote</c> against a real server: the CLI acts with an API key and its role, says what the server refused, and
/// follows a run to its end.
/// </summary>
public sealed class RemoteCommandTests
{
    [Fact]
    public async Task Remote_commands_act_with_the_keys_role_and_follow_runs()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Greet(), TestFlows.Exits("fails", code: 3, retries: 0)]);
        var operatorKey = await Accounts.UserWithKeyAsync(server, "ops", "operator");
        var viewerKey = await Accounts.UserWithKeyAsync(server, "watcher", "viewer");
        var url = server.Http.BaseAddress!.ToString();
        Task<CliResult> RemoteAsync(string? key, params string[] args) => OrchestratorProcess.RunAsync(
            ["remote", "--server", url, .. args], environment: new Dictionary<string, string> { ["PIPELINE_API_KEY"] = key ?? "" });

        var ran = await RemoteAsync(operatorKey, "trigger", "greet", "--input", "name=remote", "--wait");
        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Matches(@"after\s+succeeded", ran.Stdout);
        var runId = System.Text.RegularExpressions.Regex.Match(ran.Stdout, @"run (\S+) of greet").Groups[1].Value;
        var logs = await RemoteAsync(viewerKey, "logs", runId, "say");
        Assert.Equal("hello remote\n", logs.Stdout);
        var status = await RemoteAsync(viewerKey, "status", runId);
        Assert.Contains("manual by ops", status.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"say\s+succeeded", status.Stdout);

        var failed = await RemoteAsync(operatorKey, "trigger", "fails", "--wait");
        Assert.Equal(1, failed.ExitCode);

        var refused = await RemoteAsync(viewerKey, "trigger", "greet", "--input", "name=x");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("this needs the operator role; watcher is a viewer", refused.Stderr, StringComparison.Ordinal);
        var anonymous = await RemoteAsync(null, "status");
        Assert.Equal(2, anonymous.ExitCode);
        Assert.Contains("send an API key", anonymous.Stderr, StringComparison.Ordinal);
        var badInput = await RemoteAsync(operatorKey, "trigger", "greet");
        Assert.Equal(2, badInput.ExitCode);
        Assert.Contains("inputs.name", badInput.Stderr, StringComparison.Ordinal);
        var nobody = await OrchestratorProcess.RunAsync(["remote", "--server", $"http://127.0.0.1:{PostgresServer.FreePort()}", "status"]);
        Assert.Equal(70, nobody.ExitCode);
        Assert.Contains("does not answer", nobody.Stderr, StringComparison.Ordinal);
    }
}
