using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Persistence;

[Collection(SharedPostgres.Name)]
public sealed class ListRunsTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Runs_list_newest_first_in_pages_with_filters_and_step_counts(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var run = New(i % 3 == 0 ? "other" : "nightly", T0.AddMinutes(i), [("a", []), ("b", ["a"]), ("c", ["a"])]);
            await store.CreateRunAsync(run, None);
            ids.Add(run.Run.Id);
        }

        // The oldest run of each workflow starts (limit 1); its step a runs and succeeds, so b and c are queued.
        await store.StartQueuedRunsAsync(_ => 1, T0.AddHours(1), None);
        var claimed = await store.ClaimStepsAsync("w1", 10, T0.AddHours(1), TimeSpan.FromMinutes(1), None);
        Assert.Equal(2, claimed.Count);
        await store.CompleteAttemptAsync(claimed.Single(c => c.Run.WorkflowId == "nightly").Key, "w1", Success, T0.AddHours(1), None);

        var page1 = await store.ListRunsAsync(new RunQuery { Limit = 3 }, None);
        var page2 = await store.ListRunsAsync(new RunQuery { Limit = 3, Before = page1.Next }, None);
        var page3 = await store.ListRunsAsync(new RunQuery { Limit = 3, Before = page2.Next }, None);
        var nightly = await store.ListRunsAsync(new RunQuery { WorkflowId = "nightly" }, None);
        var running = await store.ListRunsAsync(new RunQuery { State = RunState.Running, WorkflowId = "nightly" }, None);
        var window = await store.ListRunsAsync(new RunQuery { CreatedFrom = T0.AddMinutes(2), CreatedTo = T0.AddMinutes(4) }, None);

        Assert.Equal([ids[6], ids[5], ids[4]], page1.Runs.Select(r => r.Run.Id));
        Assert.Equal(ids[4], page1.Next);
        Assert.Equal([ids[3], ids[2], ids[1]], page2.Runs.Select(r => r.Run.Id));
        Assert.Equal([ids[0]], page3.Runs.Select(r => r.Run.Id));
        Assert.Null(page3.Next);
        Assert.Equal([ids[5], ids[4], ids[2], ids[1]], nightly.Runs.Select(r => r.Run.Id));
        Assert.Null(nightly.Next);
        var started = Assert.Single(running.Runs);
        Assert.Equal(ids[1], started.Run.Id);
        Assert.Equal(new Dictionary<string, int> { ["succeeded"] = 1, ["queued"] = 2 }, started.StepCounts);
        Assert.Equal(new Dictionary<string, int> { ["queued"] = 1, ["pending"] = 2 }, page1.Runs[0].StepCounts);
        Assert.Equal(new Dictionary<string, int> { ["running"] = 1, ["pending"] = 2 }, page3.Runs[0].StepCounts);
        Assert.Equal([ids[3], ids[2]], window.Runs.Select(r => r.Run.Id));
    }
}
