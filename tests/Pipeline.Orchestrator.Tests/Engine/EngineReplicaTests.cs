using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Persistence;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>Several servers on one database, and a server that stops mid-step: real processes, real databases.</summary>
[Collection(SharedPostgres.Name)]
public sealed class EngineReplicaTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Two_servers_on_one_database_run_each_step_exactly_once(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var ledger = Path.Combine(test.Folder, "ledger.txt");
        Directory.CreateDirectory(test.Folder);
        await using var a = new EngineReplica(test, "server-a");
        await using var b = new EngineReplica(test, "server-b");
        await a.PublishAsync(FanOut("fan", 30, $"echo \"$PIPELINE_STEP_ID $PIPELINE_ATTEMPT\" >> {ledger}; sleep 0.05"));
        a.Start();
        b.Start();

        var run = (await a.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "fan" }, CancellationToken.None))!;
        var ended = await a.WaitForEndAsync(run.Id, Patience);

        Assert.Equal(RunState.Succeeded, ended.State);
        var lines = await File.ReadAllLinesAsync(ledger);
        Assert.Equal(30, lines.Length);
        Assert.Equal(30, lines.Distinct().Count());
        Assert.All(lines, l => Assert.EndsWith(" 1", l, StringComparison.Ordinal));
        var attempts = await a.Database.Runs.GetAttemptsAsync(run.Id, CancellationToken.None);
        Assert.Equal(30, attempts.Count);
        Assert.All(attempts, x => Assert.Equal(AttemptStates.Succeeded, x.State));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task The_attempt_of_a_server_that_shut_down_is_recorded_lost_and_retried_by_another(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        Directory.CreateDirectory(test.Folder);
        var ledger = Path.Combine(test.Folder, "ledger.txt");
        var lease = TimeSpan.FromSeconds(1);
        await using var a = new EngineReplica(test, "server-a", lease);
        await using var b = new EngineReplica(test, "server-b", lease);
        await a.PublishAsync(Chain("slow", $"echo \"$PIPELINE_STEP_ID $PIPELINE_ATTEMPT\" >> {ledger}; [ $PIPELINE_STEP_ID = first ] && sleep 2; true"));
        a.Start();
        var run = (await a.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "slow" }, CancellationToken.None))!;
        // The process itself has started (not only the claim), so stopping the server interrupts real work.
        await WaitUntilAsync(async () => File.Exists(ledger) && (await File.ReadAllTextAsync(ledger)).Contains("first 1", StringComparison.Ordinal));

        await a.StopAsync();
        b.Start();
        var ended = await b.WaitForEndAsync(run.Id, Patience);

        Assert.Equal(RunState.Succeeded, ended.State);
        var attempts = (await b.Database.Runs.GetAttemptsAsync(run.Id, CancellationToken.None)).Where(x => x.StepId == "first").ToList();
        Assert.Equal([(1, AttemptStates.Lost, "server-a"), (2, AttemptStates.Succeeded, "server-b")], attempts.Select(x => (x.Attempt, x.State, x.WorkerId)));
        Assert.Equal(["first 1", "first 2", "second 1"], await File.ReadAllLinesAsync(ledger));
    }

    // The CLI's run --wait: its engine takes its own run's steps, never those of runs a server is there for.
    [Fact]
    public async Task An_engine_limited_to_one_run_leaves_the_steps_of_other_runs_alone()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite", postgres);
        Directory.CreateDirectory(test.Folder);
        await using var cli = new EngineReplica(test, "cli");
        // Two active runs allowed, so "mine" does not wait for a slot held by the run nobody here runs.
        await cli.PublishAsync(FanOut("fan", 3, "true").Replace("\"name\":\"fan\"", "\"name\":\"fan\",\"maxActiveRuns\":2", StringComparison.Ordinal));
        var others = (await cli.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "fan" }, CancellationToken.None))!;
        var mine = (await cli.Launcher.LaunchAsync(new LaunchRequest { WorkflowId = "fan" }, CancellationToken.None))!;
        cli.Options.OnlyRunId = mine.Id;
        cli.Start();

        Assert.Equal(RunState.Succeeded, (await cli.WaitForEndAsync(mine.Id, Patience)).State);
        Assert.Empty(await cli.Database.Runs.GetAttemptsAsync(others.Id, CancellationToken.None));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("the condition never held");
    }

    private static string FanOut(string id, int steps, string script) => Workflow(id, Enumerable.Range(0, steps).Select(i => Step($"s{i:D2}", script, [])));

    private static string Chain(string id, string script) =>
        Workflow(id, [Step("first", script, [], retries: 1), Step("second", script, ["first"])]);

    private static JsonObject Step(string id, string script, string[] dependsOn, int retries = 0) => new()
    {
        ["id"] = id,
        ["command"] = "/bin/sh",
        ["args"] = new JsonArray("-c", script),
        ["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d)]),
        ["retry"] = new JsonObject { ["retries"] = retries, ["initialDelaySeconds"] = 0.1 },
    };

    private static string Workflow(string id, IEnumerable<JsonObject> steps) =>
        new JsonObject { ["id"] = id, ["name"] = id, ["steps"] = new JsonArray([.. steps]) }.ToJsonString();
}
