using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using static Pipeline.Orchestrator.Tests.Assets.AssetFixtures;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>
/// Partitioned steps on a real server (SQLite and PostgreSQL): one step run per day, each with its own attempts,
/// output folder and logs; the step as one entry on the run with counts by state; a failed partition retried alone
/// (the others keep their single attempt) and the fan-in after it; maxParallel held over all partitions; and the
/// days taken from an upstream step's manifest (the partitions it created or replaced).
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class FanOutTests(PostgresFixture postgres)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Each partition logs its start and end in <c>inputs.journal</c>, sleeps a little and writes its day into its
    /// output; the day <c>inputs.failDay</c> fails while the file <c>inputs.marker</c> does not exist. The fan-in
    /// step lists the partitions' output folders.
    /// </summary>
    private static JsonObject Days(int? maxParallel) => Workflow(
        "days",
        [
            Step(
                "part",
                """echo "start $1" >> "$3"; sleep 0.3; echo "$1" > "$2/day.txt"; echo "end $1" >> "$3"; if [ "$1" = "$4" ] && [ ! -e "$5" ]; then echo "no marker for $1" >&2; exit 1; fi""",
                args: ["${{ partition.key }}", "${{ step.output }}", "${{ inputs.journal }}", "${{ inputs.failDay }}", "${{ inputs.marker }}"],
                extra: new JsonObject
                {
                    ["partitions"] = maxParallel is { } max
                        ? new JsonObject { ["keys"] = "${{ inputs.days }}", ["maxParallel"] = max }
                        : new JsonObject { ["keys"] = "${{ inputs.days }}" },
                }),
            Step("count", """ls "$1" | sort > "$2/days.txt" """, dependsOn: ["part"], args: ["${{ steps.part.output }}", "${{ step.output }}"]),
        ],
        inputs: new() { ["days"] = null, ["journal"] = null, ["failDay"] = "", ["marker"] = "" });

    [Theory]
    [MemberData(nameof(Persistence.TestDatabase.Engines), MemberType = typeof(Persistence.TestDatabase))]
    public async Task A_failed_partition_is_retried_alone_and_the_fan_in_waits_for_every_partition(string engine)
    {
        await using var server = await StartAsync(engine, Days(maxParallel: null));
        var journal = Path.Combine(server.Scratch, "journal.txt");
        var marker = Path.Combine(server.Scratch, "marker");
        var runId = await server.TriggerAsync("days", new() { ["days"] = "2024-01-01..2024-01-04, 2024-01-06", ["journal"] = journal, ["failDay"] = "2024-01-03", ["marker"] = marker });

        var failed = await server.WaitForEndAsync(runId, RunLimit);

        Assert.Equal("failed", ApiClient.RunState(failed));
        // One entry for the partitioned step, with its partitions counted: never one per partition.
        Assert.Equal(["part", "count"], failed["steps"]!.AsArray().Select(s => s!["stepId"]!.GetValue<string>()));
        var part = ApiClient.Step(failed, "part");
        Assert.Equal("failed", part["state"]!.GetValue<string>());
        Assert.StartsWith("1 of 5 partitions did not succeed; first 2024-01-03", part["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(5, part["partitions"]!["total"]!.GetValue<int>());
        Assert.Equal(Path.Combine(server.DataRoot, "runs", runId, "part"), part["outputFolder"]!.GetValue<string>());
        Assert.Equal(4, part["partitions"]!["byState"]!["succeeded"]!.GetValue<int>());
        Assert.Equal("upstream-failed", ApiClient.StepState(failed, "count"));

        var page = await server.GetJsonAsync($"/api/runs/{runId}/steps/part/partitions?limit=2");
        Assert.Equal(["2024-01-01", "2024-01-02"], Keys(page));
        Assert.Equal(["2024-01-03", "2024-01-04"], Keys(await server.GetJsonAsync($"/api/runs/{runId}/steps/part/partitions?limit=2&after={page["next"]!.GetValue<string>()}")));
        var failedOnes = await server.GetJsonAsync($"/api/runs/{runId}/steps/part/partitions?state=failed");
        Assert.Equal(["2024-01-03"], Keys(failedOnes));
        Assert.Contains("no marker for 2024-01-03", await server.LogAsync(runId, "part.2024-01-03", 1, "stderr"), StringComparison.Ordinal);
        Assert.Equal("2024-01-02", (await File.ReadAllTextAsync(Path.Combine(Output(page, 1), "day.txt"))).Trim());

        // The partition alone, once it can pass: the other four keep their single attempt, and the fan-in runs.
        await File.WriteAllTextAsync(marker, "");
        var (status, body) = await server.PostAsync($"/api/runs/{runId}/steps/part.2024-01-03/retry");
        Assert.True(status == 200, body?.ToJsonString());
        var retried = await server.WaitForEndAsync(runId, RunLimit);

        Assert.True(ApiClient.RunState(retried) == "succeeded", retried.ToJsonString());
        // The runs list counts the partitioned step once, as the run page shows it, not once per day.
        var counts = (await server.GetJsonAsync("/api/runs?workflow=days"))["runs"]![0]!["stepCounts"]!.AsObject();
        Assert.Equal(2, counts["succeeded"]!.GetValue<int>());
        Assert.Single(counts);
        var all = await server.GetJsonAsync($"/api/runs/{runId}/steps/part/partitions");
        Assert.Equal([1, 1, 2, 1, 1], all["partitions"]!.AsArray().Select(p => p!["attempts"]!.GetValue<int>()));
        var countOutput = ApiClient.Step(retried, "count")["outputFolder"]!.GetValue<string>();
        Assert.Equal(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-06"], await File.ReadAllLinesAsync(Path.Combine(countOutput, "days.txt")));
    }

    [Theory]
    [MemberData(nameof(Persistence.TestDatabase.Engines), MemberType = typeof(Persistence.TestDatabase))]
    public async Task No_more_partitions_run_at_once_than_max_parallel_though_the_server_has_room_for_more(string engine)
    {
        await using var server = await StartAsync(engine, Days(maxParallel: 2));
        var journal = Path.Combine(server.Scratch, "journal.txt");

        var runId = await server.TriggerAsync("days", new() { ["days"] = "2024-02-01..2024-02-08", ["journal"] = journal });
        var ended = await server.WaitForEndAsync(runId, RunLimit);

        Assert.True(ApiClient.RunState(ended) == "succeeded", ended.ToJsonString());
        var (peak, started) = (0, 0);
        var running = 0;
        foreach (var line in await File.ReadAllLinesAsync(journal))
        {
            running += line.StartsWith("start ", StringComparison.Ordinal) ? 1 : -1;
            started += line.StartsWith("start ", StringComparison.Ordinal) ? 1 : 0;
            peak = Math.Max(peak, running);
        }

        Assert.Equal(8, started);
        Assert.Equal(2, peak);
    }

    [Theory]
    [MemberData(nameof(Persistence.TestDatabase.Engines), MemberType = typeof(Persistence.TestDatabase))]
    public async Task A_paused_backfill_starts_no_partition_until_it_is_resumed_and_then_runs_each_once(string engine)
    {
        await using var server = await StartAsync(engine, Days(maxParallel: 1));
        var journal = Path.Combine(server.Scratch, "journal.txt");
        var runId = await server.TriggerAsync("days", new() { ["days"] = "2024-03-01..2024-03-08", ["journal"] = journal });
        static int Done(JsonNode d) => ApiClient.Step(d, "part")["partitions"]?["byState"]?["succeeded"]?.GetValue<int>() ?? 0;
        var started = (await server.WaitForAsync(runId, d => Done(d) >= 1, RunLimit))["run"]!["startedAt"]!.GetValue<string>();

        var (status, body) = await server.PostAsync($"/api/runs/{runId}/pause");

        Assert.True(status == 200, body?.ToJsonString());
        Assert.Equal("paused", body!["state"]!.GetValue<string>());
        // The partition running when it was paused finishes; then nothing starts, however long it waits.
        var paused = await server.WaitForAsync(runId, d => ApiClient.Step(d, "part")["partitions"]!["byState"]!["running"] is null, RunLimit);
        var journalThen = await File.ReadAllLinesAsync(journal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var still = await server.RunAsync(runId);
        Assert.Equal("paused", ApiClient.RunState(still));
        Assert.Equal(journalThen, await File.ReadAllLinesAsync(journal));
        Assert.InRange(Done(still), 1, 7);
        Assert.Equal(Done(paused), Done(still));
        Assert.Equal(409, (await server.PostAsync($"/api/runs/{runId}/pause")).Status);

        Assert.Equal(200, (await server.PostAsync($"/api/runs/{runId}/resume")).Status);
        var ended = await server.WaitForEndAsync(runId, RunLimit);

        Assert.True(ApiClient.RunState(ended) == "succeeded", ended.ToJsonString());
        Assert.Equal(started, ended["run"]!["startedAt"]!.GetValue<string>());
        var lines = await File.ReadAllLinesAsync(journal);
        Assert.Equal(8, lines.Count(l => l.StartsWith("start ", StringComparison.Ordinal)));
        Assert.Equal(8, lines.Where(l => l.StartsWith("start ", StringComparison.Ordinal)).Distinct().Count());
        Assert.All(Partitions(await server.GetJsonAsync($"/api/runs/{runId}/steps/part/partitions")), p => Assert.Equal(1, p!["attempts"]!.GetValue<int>()));
        Assert.Equal(409, (await server.PostAsync($"/api/runs/{runId}/resume")).Status);
    }

    [Theory]
    [MemberData(nameof(Persistence.TestDatabase.Engines), MemberType = typeof(Persistence.TestDatabase))]
    public async Task The_days_come_from_the_partitions_an_upstream_step_created_or_replaced(string engine)
    {
        // A loader reports three days of readings, one of them unchanged: the partitioned step runs for the other two.
        var load = Writer("load", "readings")["steps"]![0]!.AsObject();
        var workflow = Workflow(
            "load-then-days",
            [
                load.DeepClone().AsObject(),
                Step("per-day", """echo "$1" > "$2/day.txt" """, dependsOn: ["readings"], args: ["${{ partition.key }}", "${{ step.output }}"],
                    extra: new JsonObject { ["partitions"] = new JsonObject { ["fromStep"] = "readings", ["asset"] = "readings", ["order"] = "newest-first" } }),
            ],
            inputs: new() { ["src"] = null, ["manifest"] = null, ["failOnce"] = "" });
        await using var server = await StartAsync(engine, workflow);
        var days = new Dictionary<string, string> { [Day(1)] = "t,v\n1,1\n", [Day(2)] = "t,v\n2,1\n", [Day(3)] = "t,v\n3,1\n" };
        var src = Path.Combine(server.Scratch, "src");
        var hashes = WriteDays(src, days);
        var manifest = Path.Combine(server.Scratch, "manifest.json");
        await File.WriteAllTextAsync(manifest, Manifest(server.DataRoot, "readings", days.Keys.Select(k => (k, k == Day(2) ? "unchanged" : "created", hashes[k], FileInput("/data/in.csv", "aa")))).ToJsonString());

        var runId = await server.TriggerAsync("load-then-days", new() { ["src"] = src, ["manifest"] = manifest });
        var ended = await server.WaitForEndAsync(runId, RunLimit);

        Assert.True(ApiClient.RunState(ended) == "succeeded", ended.ToJsonString());
        var partitions = await server.GetJsonAsync($"/api/runs/{runId}/steps/per-day/partitions");
        Assert.Equal([Day(1), Day(3)], Keys(partitions));
        Assert.Equal(Day(3), (await File.ReadAllTextAsync(Path.Combine(Output(partitions, 1), "day.txt"))).Trim());
        // Newest first: the later day was ready (and so claimed) first.
        var started = partitions["partitions"]!.AsArray().Select(p => DateTimeOffset.Parse(p!["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        Assert.True(started[1] <= started[0], $"{started[1]:O} should not be after {started[0]:O}");
    }

    [Fact]
    public async Task Keys_that_are_not_days_refuse_the_run_when_it_is_triggered()
    {
        await using var server = await ApiServer.StartAsync([Days(maxParallel: null)]);

        var (status, body) = await server.PostAsync("/api/workflows/days/runs", new JsonObject { ["inputs"] = new JsonObject { ["days"] = "2024-01-01..2024-13-01", ["journal"] = "/tmp/x" } });

        Assert.True(status == 422, body?.ToJsonString());
        var text = body!.ToJsonString();
        Assert.Contains("$.steps[0].partitions.keys", text, StringComparison.Ordinal);
        Assert.Contains("2024-01-01..2024-13-01", text, StringComparison.Ordinal);
        Assert.Contains("is not a day (yyyy-MM-dd)", text, StringComparison.Ordinal);
    }

    private static JsonArray Partitions(JsonNode page) => page["partitions"]!.AsArray();

    private static List<string> Keys(JsonNode page) => [.. page["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>())];

    private static string Output(JsonNode page, int index) => page["partitions"]![index]!["outputFolder"]!.GetValue<string>();

    private async Task<ApiServer> StartAsync(string engine, JsonObject workflow) =>
        await ApiServer.StartAsync(
            [workflow],
            await Persistence.TestDatabase.ConnectionStringAsync(engine, postgres),
            new() { ["Engine:MaxParallelSteps"] = "6" });
}
