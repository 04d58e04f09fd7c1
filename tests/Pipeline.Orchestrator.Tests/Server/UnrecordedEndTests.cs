using System.Diagnostics;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// A server killed -9 after its step ended but before the end reached the database (here a hung PostgreSQL holds the
/// record back) must not cost the step's result: the next server takes the exit code the step left, and the step
/// runs once. The same holds when the killed server was itself adopting the step.
/// </summary>
public sealed class UnrecordedEndTests
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["Engine__LeaseDuration"] = "00:00:04",
        ["Engine__PollInterval"] = "00:00:00.2",
    };

    [Fact]
    public async Task A_step_that_ended_unrecorded_when_its_server_died_is_not_run_again()
    {
        await using var postgres = await PostgresServer.StartAsync(durable: false, CancellationToken.None);
        var database = await postgres.CreateDatabaseAsync(CancellationToken.None);
        using var folder = new TempFolder("unrecorded-end");
        var workflows = folder.Sub("workflows", create: true);
        var (journal, release, dataRoot) = (folder.Sub("journal.txt"), folder.Sub("release"), folder.Sub("data"));
        // The step ends when the test says, so that it ends while the database hangs.
        WriteTo(workflows, Workflow("once",
            [Step("work", "echo start >> \"$1\"; while [ ! -e \"$2\" ]; do sleep 0.05; done; echo end >> \"$1\"", args: ["${{ inputs.journal }}", release])],
            inputs: new() { ["journal"] = null }));

        string runId;
        string firstOutput;
        await using (var first = await ServerProcess.StartAsync(["--db", database], dataRoot, workflows, Environment))
        {
            using var api = new ApiClient(first.BaseUrl);
            runId = await api.TriggerAsync("once", new() { ["journal"] = journal });
            await api.WaitForAsync(runId, _ => Lines(journal).Contains("start"), null, () => first.Output);
            await postgres.PauseAsync();
            try
            {
                await File.WriteAllTextAsync(release, "");
                await WaitForAsync(() => ExitFiles(dataRoot) > 0, "the step's exit file");
                await first.KillAsync();
            }
            finally
            {
                await postgres.ResumeAsync();
            }

            firstOutput = first.Output;
        }

        await using var second = await ServerProcess.StartAsync(["--db", database], dataRoot, workflows, Environment);
        using var client = new ApiClient(second.BaseUrl);
        var detail = await client.WaitForEndAsync(runId, null, () => $"{firstOutput}\n{second.Output}");
        var context = $"{detail.ToJsonString()}\njournal: {string.Join(",", Lines(journal))}\n{firstOutput}\n{second.Output}";
        Assert.True(ApiServer.RunState(detail) == "succeeded", context);
        Assert.True(Lines(journal) is ["start", "end"], context);
        Assert.Equal(["lost", "succeeded"], ApiServer.Attempts(detail, "work"));
        // Recorded, its launch records are gone: a later retry of the step runs it afresh.
        Assert.Equal(0, ExitFiles(dataRoot));
    }

    private static int ExitFiles(string dataRoot) =>
        Directory.Exists(dataRoot) ? Directory.EnumerateFiles(dataRoot, "*.exit", SearchOption.AllDirectories).Count() : 0;

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"no {what} after 30 s");
            await Task.Delay(20);
        }
    }

    private static List<string> Lines(string file) => File.Exists(file) ? [.. File.ReadAllLines(file)] : [];
}
