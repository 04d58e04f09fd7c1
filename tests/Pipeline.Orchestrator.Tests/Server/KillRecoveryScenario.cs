using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// A server is killed -9 while the middle step of first → middle → last runs; a new server on the same database and
/// data root must find the lost attempt once its lease expires, retry it, and finish the run, running nothing twice.
/// </summary>
internal static class KillRecoveryScenario
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["Engine__LeaseDuration"] = "00:00:02",
        ["Engine__PollInterval"] = "00:00:00.2",
    };

    private static readonly string[] StepIds = ["first", "middle", "last"];

    public static async Task RunAsync(Func<TempFolder, string[]> storageArgs)
    {
        using var folder = new TempFolder("orchestrator-kill");
        var workflows = folder.Sub("workflows", create: true);
        WriteTo(workflows, Workflow("crash",
            [
                Step("first", "echo first >> \"$1\"", args: ["${{ inputs.journal }}"]),
                Step("middle", "echo middle >> \"$1\"; sleep 3", dependsOn: ["first"], args: ["${{ inputs.journal }}"],
                    extra: new JsonObject { ["retry"] = new JsonObject { ["retries"] = 1, ["initialDelaySeconds"] = 0.2 } }),
                Step("last", "echo last >> \"$1\"", dependsOn: ["middle"], args: ["${{ inputs.journal }}"]),
            ],
            inputs: new() { ["journal"] = null }));
        var journal = folder.Sub("journal.txt");
        var args = storageArgs(folder);
        var dataRoot = folder.Sub("data");

        string runId;
        string firstOutput;
        await using (var first = await ServerProcess.StartAsync(args, dataRoot, workflows, Environment))
        {
            using var api = new ApiClient(first.BaseUrl);
            runId = await api.TriggerAsync("crash", new() { ["journal"] = journal });
            await api.WaitForAsync(runId, d => ApiServer.StepState(d, "middle") == "running" && Lines(journal).Contains("middle"), context: () => first.Output);
            await first.KillAsync();
            firstOutput = first.Output;
        }

        await using var second = await ServerProcess.StartAsync(args, dataRoot, workflows, Environment);
        using var client = new ApiClient(second.BaseUrl);
        var detail = await client.WaitForEndAsync(runId, context: () => $"{firstOutput}\n{second.Output}");

        var context = $"{detail.ToJsonString()}\njournal: {string.Join(",", Lines(journal))}\n{second.Output}";
        Assert.True(ApiServer.RunState(detail) == "succeeded", context);
        Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "first"));
        Assert.Equal(["lost", "succeeded"], ApiServer.Attempts(detail, "middle"));
        Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "last"));
        Assert.Equal([1, 2, 1], StepIds.Select(s => ApiServer.Step(detail, s)["attempts"]!.GetValue<int>()));
        Assert.Equal(["first", "middle", "middle", "last"], Lines(journal));
        var counts = (await client.GetJsonAsync("/api/runs?workflow=crash"))["runs"]![0]!["stepCounts"]!;
        Assert.Equal(3, counts["succeeded"]!.GetValue<int>());
        Assert.Single(counts.AsObject());
    }

    private static List<string> Lines(string file) => File.Exists(file) ? [.. File.ReadAllLines(file)] : [];
}
