using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;

namespace Pipeline.Orchestrator.Tests.Persistence;

[Collection(SharedPostgres.Name)]
public sealed class RunGridTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Grid_pages_a_workflows_runs_newest_first_both_ways_with_their_step_runs(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var run = New("grid", T0.AddMinutes(i), [("a", []), ("b", ["a"]), ("c", ["b"])]);
            await store.CreateRunAsync(run, None);
            ids.Add(run.Run.Id);
            // Another workflow's runs interleave, and never show.
            await store.CreateRunAsync(New("other", T0.AddMinutes(i).AddSeconds(1), Chain), None);
        }

        var newest = await store.GetRunGridAsync(new RunGridQuery { WorkflowId = "grid", Limit = 2 }, None);
        var middle = await store.GetRunGridAsync(new RunGridQuery { WorkflowId = "grid", Limit = 2, Before = ids[3] }, None);
        var oldest = await store.GetRunGridAsync(new RunGridQuery { WorkflowId = "grid", Limit = 2, Before = ids[1] }, None);
        var back = await store.GetRunGridAsync(new RunGridQuery { WorkflowId = "grid", Limit = 2, After = ids[2] }, None);
        var all = await store.GetRunGridAsync(new RunGridQuery { WorkflowId = "grid" }, None);

        Assert.Equal([ids[4], ids[3]], newest.Runs.Select(r => r.Id));
        Assert.Equal((true, false), (newest.HasOlder, newest.HasNewer));
        Assert.Equal([ids[2], ids[1]], middle.Runs.Select(r => r.Id));
        Assert.Equal((true, true), (middle.HasOlder, middle.HasNewer));
        Assert.Equal([ids[0]], oldest.Runs.Select(r => r.Id));
        Assert.Equal((false, true), (oldest.HasOlder, oldest.HasNewer));
        Assert.Equal([ids[4], ids[3]], back.Runs.Select(r => r.Id));
        Assert.Equal((true, false), (back.HasOlder, back.HasNewer));
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Runs.Select(r => r.Id));
        Assert.Equal((false, false), (all.HasOlder, all.HasNewer));
        Assert.Equal(15, all.StepRuns.Count);
        Assert.Equal(
            [(ids[2], "a", 0), (ids[2], "b", 1), (ids[2], "c", 2), (ids[1], "a", 0), (ids[1], "b", 1), (ids[1], "c", 2)],
            middle.StepRuns.OrderByDescending(s => s.RunId, StringComparer.Ordinal).ThenBy(s => s.Ordinal).Select(s => (s.RunId, s.StepId, s.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Grid_cells_carry_each_step_runs_state_attempts_timing_and_exit_code(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var run = New("grid", T0, Chain);
        await store.CreateRunAsync(run, None);
        await store.StartQueuedRunsAsync(_ => 1, T0, None);
        var claimed = Assert.Single(await store.ClaimStepsAsync("w1", 10, T0.AddSeconds(1), TimeSpan.FromMinutes(1), None));
        await store.CompleteAttemptAsync(claimed.Key, "w1", Failure, T0.AddSeconds(3), None);

        var page = await store.GetRunGridAsync(new RunGridQuery { WorkflowId = "grid" }, None);
        var empty = await store.GetRunGridAsync(new RunGridQuery { WorkflowId = "nothing-ran" }, None);

        Assert.Equal(RunState.Failed, Assert.Single(page.Runs).State);
        var a = page.StepRuns.Single(s => s.StepId == "a");
        Assert.Equal((StepState.Failed, 1, T0.AddSeconds(1), T0.AddSeconds(3), 1), (a.State, a.Attempts, a.StartedAt, a.FinishedAt, a.ExitCode));
        var b = page.StepRuns.Single(s => s.StepId == "b");
        Assert.Equal((StepState.UpstreamFailed, 0, (DateTimeOffset?)null), (b.State, b.Attempts, b.StartedAt));
        Assert.Empty(empty.Runs);
        Assert.Empty(empty.StepRuns);
        Assert.Equal((false, false), (empty.HasOlder, empty.HasNewer));
    }
}
