using Pipeline.Orchestrator.Tests.Server;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

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
        var operatorKey = await TestAccounts.UserWithKeyAsync(server, "ops", "operator");
        var viewerKey = await TestAccounts.UserWithKeyAsync(server, "watcher", "viewer");
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

    [Fact]
    public async Task Remote_upload_sends_a_dataset_and_waits_for_the_runs_it_started()
    {
        await using var server = await ApiServer.StartAsync([Datasets.DatasetsApiTests.CountLines("count-all", null)]);
        var operatorKey = await TestAccounts.UserWithKeyAsync(server, "ops", "operator");
        var url = server.Http.BaseAddress!.ToString();
        Task<CliResult> RemoteAsync(params string[] args) => OrchestratorProcess.RunAsync(
            ["remote", "--server", url, .. args], environment: new Dictionary<string, string> { ["PIPELINE_API_KEY"] = operatorKey });
        var sample = Path.Combine(SharedData.BundledSample, "PRSA_Data_Dingling_201303.csv");

        var uploaded = await RemoteAsync("upload", sample, "--name", "dingling.csv", "--time-zone", "Asia/Shanghai", "--wait");
        var again = await RemoteAsync("upload", sample);
        var listed = await RemoteAsync("datasets");

        Assert.True(uploaded.ExitCode == 0, uploaded.ToString());
        Assert.Contains("dingling.csv: 744 rows (0 bad), 1 sensors, 2013-03-01 to 2013-03-31", uploaded.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"count\s+succeeded", uploaded.Stdout);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("this content was received before", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("dingling.csv", listed.Stdout, StringComparison.Ordinal);
        Assert.Contains("by ops", listed.Stdout, StringComparison.Ordinal);
    }
}
