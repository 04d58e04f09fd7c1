using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// A server is killed -9 while the middle step of first → middle → last runs (or while days of a partitioned step
/// run); a new server on the same database and data root must find the lost attempts once their leases expire,
/// adopt the step processes the dead server left running (the next attempt waits for them rather than running the
/// step again), and finish the run, running nothing twice.
/// </summary>
internal static class KillRecoveryScenario
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["Engine__LeaseDuration"] = "00:00:02",
        ["Engine__PollInterval"] = "00:00:00.2",
    };

    private static readonly string[] StepIds = ["first", "middle", "last"];

    public static Task RunAsync(Func<TempFolder, string[]> storageArgs) => KillAndRecoverAsync(
        storageArgs,
        Workflow("crash",
            [
                Step("first", "echo first >> \"$1\"", args: ["${{ inputs.journal }}"]),
                Step("middle", "echo middle >> \"$1\"; sleep 3; echo printed after the kill; echo middle-done >> \"$1\"", dependsOn: ["first"], args: ["${{ inputs.journal }}"],
                    extra: new JsonObject { ["retry"] = new JsonObject { ["retries"] = 1, ["initialDelaySeconds"] = 0.2 } }),
                Step("last", "echo last >> \"$1\"", dependsOn: ["middle"], args: ["${{ inputs.journal }}"]),
            ],
            inputs: new() { ["journal"] = null }),
        (d, journal) => ApiServer.StepState(d, "middle") == "running" && journal.Contains("middle") && d["_records"]!.GetValue<int>() >= 1,
        null,
        null,
        async recovered =>
        {
            var (client, detail, lines) = (recovered.Client, recovered.Detail, recovered.Journal);
            var context = $"{detail.ToJsonString()}\njournal: {string.Join(",", lines)}\n{recovered.ServerOutput}";
            Assert.True(ApiServer.RunState(detail) == "succeeded", context);
            Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "first"));
            Assert.Equal(["lost", "succeeded"], ApiServer.Attempts(detail, "middle"));
            Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "last"));
            Assert.Equal([1, 2, 1], StepIds.Select(s => ApiServer.Step(detail, s)["attempts"]!.GetValue<int>()));
            // Attempt 2 adopted attempt 1's process: the step ran once, and printing into the pipe its dead server
            // left did not kill it.
            Assert.Equal(["first", "middle", "middle-done", "last"], lines);
            var log = await client.LogAsync(recovered.RunId, "middle", 2, "stderr");
            Assert.Contains("adopted attempt 1's process", log, StringComparison.Ordinal);
            var counts = (await client.GetJsonAsync("/api/runs?workflow=crash"))["runs"]![0]!["stepCounts"]!;
            Assert.Equal(3, counts["succeeded"]!.GetValue<int>());
            Assert.Single(counts.AsObject());
        });

    /// <summary>
    /// Six days, two at a time, each logging its start; killed while two run, the new server adopts exactly the
    /// days that were running (lost, then succeeded, started once), the others run once, and the fan-in after them once.
    /// </summary>
    public static Task FanOutAsync(Func<TempFolder, string[]> storageArgs) => KillAndRecoverAsync(
        storageArgs,
        Workflow("crash-days",
            [
                Step("part", "echo \"start $1\" >> \"$2\"; sleep 2", args: ["${{ partition.key }}", "${{ inputs.journal }}"],
                    extra: new JsonObject
                    {
                        ["partitions"] = new JsonObject { ["keys"] = "2024-04-01..2024-04-06", ["maxParallel"] = 2 },
                        ["retry"] = new JsonObject { ["retries"] = 1, ["initialDelaySeconds"] = 0.2 },
                    }),
                Step("after", "echo after >> \"$1\"", dependsOn: ["part"], args: ["${{ inputs.journal }}"]),
            ],
            inputs: new() { ["journal"] = null }),
        // Killed with days running, after at least one day has started.
        (d, journal) => ApiServer.Step(d, "part")["partitions"]?["byState"]?["running"] is { } running && journal.Count >= 1
            && d["_records"]!.GetValue<int>() >= running.GetValue<int>(),
        TimeSpan.FromSeconds(60),
        TimeSpan.FromMinutes(2),
        async recovered =>
        {
            var (client, detail, lines) = (recovered.Client, recovered.Detail, recovered.Journal);
            var startedBeforeKill = recovered.JournalAtKill.ToHashSet(StringComparer.Ordinal);
            var context = $"{detail.ToJsonString()}\njournal: {string.Join(",", lines)}\n{recovered.ServerOutput}";
            Assert.True(ApiServer.RunState(detail) == "succeeded", context);
            var days = (await client.GetJsonAsync($"/api/runs/{recovered.RunId}/steps/part/partitions"))["partitions"]!.AsArray();
            Assert.Equal(6, days.Count);
            foreach (var day in days)
            {
                var key = day!["key"]!.GetValue<string>();
                var starts = lines.Count(l => l == $"start {key}");
                Assert.True(day["state"]!.GetValue<string>() == "succeeded", context);
                // Every day started once: a day running at the kill was adopted by its second attempt, not run again.
                Assert.True(starts == 1, $"{key}: {starts} starts\n{context}");
                Assert.True(day["attempts"]!.GetValue<int>() == 1 || startedBeforeKill.Contains($"start {key}"), $"{key}\n{context}");
            }

            Assert.InRange(days.Count(d => d!["attempts"]!.GetValue<int>() == 2), 1, 2);
            Assert.Equal(1, lines.Count(l => l == "after"));
        });

    /// <summary>What the second server saw: the run as it ended, the journal when the first was killed and at the end.</summary>
    private sealed record Recovered(ApiClient Client, string RunId, JsonNode Detail, List<string> JournalAtKill, List<string> Journal, string ServerOutput);

    /// <summary>
    /// Starts a server with <paramref name="workflow"/> (whose input <c>journal</c> names a file its steps append to),
    /// triggers it, kills the server -9 once <paramref name="killWhen"/> holds of the run and the journal, starts a
    /// second server on the same database and data root, waits for it to end the run, and hands what it saw to
    /// <paramref name="check"/> while the second server still answers.
    /// </summary>
    private static async Task KillAndRecoverAsync(
        Func<TempFolder, string[]> storageArgs, JsonObject workflow, Func<JsonNode, List<string>, bool> killWhen, TimeSpan? killWait, TimeSpan? endWait,
        Func<Recovered, Task> check)
    {
        using var folder = new TempFolder("orchestrator-kill");
        var workflows = folder.Sub("workflows", create: true);
        WriteTo(workflows, workflow);
        var workflowId = workflow["id"]!.GetValue<string>();
        var journal = folder.Sub("journal.txt");
        var args = storageArgs(folder);
        var dataRoot = folder.Sub("data");

        string runId;
        string firstOutput;
        await using (var first = await ServerProcess.StartAsync(args, dataRoot, workflows, Environment))
        {
            using var api = new ApiClient(first.BaseUrl);
            runId = await api.TriggerAsync(workflowId, new() { ["journal"] = journal });
            // Killed once the runner has recorded each running step's process (what adoption needs; "_records" counts
            // the launch records): a kill in the milliseconds between a step's start and that record runs it again.
            await api.WaitForAsync(runId, d => killWhen(WithRecords(d, dataRoot), Lines(journal)), killWait, () => first.Output);
            await first.KillAsync();
            firstOutput = first.Output;
        }

        var atKill = Lines(journal);
        await using var second = await ServerProcess.StartAsync(args, dataRoot, workflows, Environment);
        using var client = new ApiClient(second.BaseUrl);
        var detail = await client.WaitForEndAsync(runId, endWait, () => $"{firstOutput}\n{second.Output}");
        await check(new Recovered(client, runId, detail, atKill, Lines(journal), second.Output));
    }

    private static JsonNode WithRecords(JsonNode detail, string dataRoot)
    {
        var copy = detail.DeepClone();
        copy["_records"] = Directory.Exists(dataRoot) ? Directory.EnumerateFiles(dataRoot, "*.process", SearchOption.AllDirectories).Count() : 0;
        return copy;
    }

    private static List<string> Lines(string file) => File.Exists(file) ? [.. File.ReadAllLines(file)] : [];
}
