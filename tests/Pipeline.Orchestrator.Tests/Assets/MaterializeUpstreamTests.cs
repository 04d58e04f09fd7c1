using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>
/// Materializing days of an asset with its upstream (SQLite and PostgreSQL): the days its input asset lacks are
/// made first, by the workflow materializing that asset, over exactly those days; the backfill waits for that run
/// and then finds every input it reads. Days the input already has make no upstream run; without upstream a day
/// whose input is missing fails alone; an input nobody materializes is refused up front, naming the days.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class MaterializeUpstreamTests(PostgresFixture postgres)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A partitioned step that makes day <c>$1</c> of <paramref name="asset"/> in the asset folder <c>$3</c> and reports
    /// it in its manifest, as the real steps do; with <paramref name="reads"/>, it first requires that asset's day
    /// (folder <c>$4</c>) and fails with exit 66 naming it otherwise, as the FeatureCreator does.
    /// </summary>
    private static JsonObject DayMaker(string id, string asset, string? reads)
    {
        var check = reads is null ? "" : $$"""[ -f "$4/day=$1/part.txt" ] || { echo "no {{reads}} for $1" >&2; exit 66; }; """;
        var script = check + $$"""
            sleep 0.2; mkdir -p "$3/day=$1" && echo "$1" > "$3/day=$1/part.txt" &&
            printf '{"assets":[{"name":"{{asset}}","folder":"%s","timeZone":"UTC","partitions":[{"key":"%s","change":"created","rows":1,"contentSha256":"%s","inputs":[]}]}]}' "$3" "$1" "$(sha256sum "$3/day=$1/part.txt" | cut -c1-64)" > "$2/_manifest.json"
            """;
        JsonArray args = ["${{ partition.key }}", "${{ step.output }}", $"${{{{ assets.{asset} }}}}"];
        if (reads is not null)
        {
            args.Add($"${{{{ assets.{reads} }}}}");
        }

        return Workflow(
            id,
            [Step("make", script.ReplaceLineEndings(" "), args: [.. args.Select(a => a!.GetValue<string>())],
                extra: new JsonObject { ["partitions"] = new JsonObject { ["keys"] = "${{ inputs.days }}", ["maxParallel"] = 2 } })],
            inputs: new() { ["days"] = null },
            triggers: [new JsonObject { ["type"] = "materialize", ["asset"] = asset, ["input"] = "days" }]);
    }

    [Theory]
    [MemberData(nameof(Persistence.TestDatabase.Engines), MemberType = typeof(Persistence.TestDatabase))]
    public async Task The_days_an_input_lacks_are_made_first_and_the_backfill_waits_for_them(string engine)
    {
        await using var server = await StartAsync(engine, DayMaker("readings-backfill", "readings", null), DayMaker("features-backfill", "features", "readings"));
        var first = await MaterializeAsync(server, "readings", new JsonObject { ["from"] = "2024-03-01", ["to"] = "2024-03-03" });
        Assert.Equal("succeeded", ApiClient.RunState(await server.WaitForEndAsync(first["runId"]!.GetValue<string>(), RunLimit)));

        var backfill = await MaterializeAsync(server, "features", new JsonObject { ["from"] = "2024-03-01", ["to"] = "2024-03-06", ["upstream"] = true });

        var upstream = Assert.Single(backfill["upstream"]!.AsArray())!;
        Assert.Equal(("readings", "readings-backfill", 3), (upstream["asset"]!.GetValue<string>(), upstream["workflow"]!.GetValue<string>(), upstream["partitions"]!.GetValue<int>()));
        var upstreamRun = upstream["runId"]!.GetValue<string>();
        var runId = backfill["runId"]!.GetValue<string>();
        var ended = await server.WaitForEndAsync(runId, RunLimit);
        Assert.True(ApiClient.RunState(ended) == "succeeded", ended.ToJsonString());
        Assert.Equal(upstreamRun, ended["run"]!["waitsFor"]!.GetValue<string>());
        // Each day of the backfill requires its input's day (exit 66 otherwise): all six succeeding is the proof that
        // it ran after the days were made. (Not the runs' times: a start time is read before the lock is taken.)
        Assert.Equal("succeeded", ApiClient.RunState(await server.WaitForEndAsync(upstreamRun, RunLimit)));
        Assert.Equal(["2024-03-04", "2024-03-05", "2024-03-06"], await DaysAsync(server, upstreamRun));
        Assert.Equal(6, ApiClient.Step(ended, "make")["partitions"]!["byState"]!["succeeded"]!.GetValue<int>());

        // Every day the input has already: no run before the backfill.
        var again = await MaterializeAsync(server, "features", new JsonObject { ["partitions"] = new JsonArray("2024-03-02", "2024-03-05"), ["upstream"] = true });
        Assert.Empty(again["upstream"]!.AsArray());
        Assert.Equal("succeeded", ApiClient.RunState(await server.WaitForEndAsync(again["runId"]!.GetValue<string>(), RunLimit)));

        // Without upstream, the day the input lacks fails alone, saying so; the others are made.
        var alone = await MaterializeAsync(server, "features", new JsonObject { ["partitions"] = new JsonArray("2024-03-06", "2024-03-07") });
        var aloneEnded = await server.WaitForEndAsync(alone["runId"]!.GetValue<string>(), RunLimit);
        Assert.Equal("failed", ApiClient.RunState(aloneEnded));
        var failed = (await server.GetJsonAsync($"/api/runs/{alone["runId"]}/steps/make/partitions?state=failed"))["partitions"]!.AsArray();
        Assert.Equal("2024-03-07", Assert.Single(failed)!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_input_no_workflow_materializes_is_refused_up_front_naming_the_days_it_lacks()
    {
        await using var server = await ApiServer.StartAsync([DayMaker("features-backfill", "features", "readings")]);

        var (status, body) = await server.PostAsync("/api/assets/features/materialize", new JsonObject { ["from"] = "2024-03-01", ["to"] = "2024-03-09", ["upstream"] = true });

        Assert.Equal(409, status);
        Assert.Equal(
            "asset 'features' reads asset 'readings', which lacks 9 days (2024-03-01, 2024-03-02, 2024-03-03, 2024-03-04, 2024-03-05, ...), and no published workflow materializes 'readings': make those days first, or materialize without upstream (those days then fail, naming what they lack)",
            body!["detail"]!.GetValue<string>());
        Assert.Empty((await server.GetJsonAsync("/api/runs"))["runs"]!.AsArray());
    }

    [Fact]
    public async Task The_command_line_backfills_days_with_their_missing_upstream_and_waits_for_them()
    {
        await using var server = await ApiServer.StartAsync([DayMaker("readings-backfill", "readings", null), DayMaker("features-backfill", "features", "readings")]);
        var key = await TestAccounts.UserWithKeyAsync(server, "ops", "operator");

        var ran = await OrchestratorProcess.RunAsync(
            ["remote", "--server", server.Http.BaseAddress!.ToString(), "materialize", "features", "2024-03-01..2024-03-04", "2024-03-09", "--with-upstream", "--wait"],
            environment: new Dictionary<string, string> { ["PIPELINE_API_KEY"] = key });

        Assert.True(ran.ExitCode == 0, ran.ToString());
        Assert.Matches(@"run \S+ of readings-backfill makes 5 missing days of readings first", ran.Stdout);
        Assert.Matches(@"run \S+ of features-backfill makes 5 days of features", ran.Stdout);
        Assert.Matches(@"run \S+ succeeded\n$", ran.Stdout);
    }

    private static async Task<JsonNode> MaterializeAsync(ApiServer server, string asset, JsonObject request)
    {
        var (status, body) = await server.PostAsync($"/api/assets/{asset}/materialize", request);
        Assert.True(status == 202, body?.ToJsonString());
        return body!;
    }

    private static async Task<List<string>> DaysAsync(ApiServer server, string runId) =>
        [.. (await server.GetJsonAsync($"/api/runs/{runId}/steps/make/partitions?limit=100"))["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>())];

    private async Task<ApiServer> StartAsync(string engine, params JsonObject[] workflows) =>
        await ApiServer.StartAsync(
            workflows,
            await Persistence.TestDatabase.ConnectionStringAsync(engine, postgres),
            new() { ["Engine:MaxParallelSteps"] = "4" });
}
