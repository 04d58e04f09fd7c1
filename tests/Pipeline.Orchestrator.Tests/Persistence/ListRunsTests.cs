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
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Runs_list_counts_every_page_of_its_filters_and_names_the_step_that_failed_first(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var failing = New("flaky", T0, [("a", []), ("b", []), ("c", ["a", "b"])]);
        await store.CreateRunAsync(failing, None);
        for (var i = 1; i <= 4; i++)
        {
            await store.CreateRunAsync(New(i % 2 == 0 ? "flaky" : "other", T0.AddMinutes(i), Chain), None);
        }

        // Both roots of the failing run fail; b finishes first, so b is its first error although a comes first in the definition.
        await store.StartQueuedRunsAsync(_ => 1, T0.AddHours(1), None);
        var claimed = (await store.ClaimStepsAsync("w1", 10, T0.AddHours(1), TimeSpan.FromMinutes(5), failing.Run.Id, None)).ToDictionary(c => c.Step.StepId);
        await store.CompleteAttemptAsync(claimed["b"].Key, "w1", Failure, T0.AddHours(1).AddSeconds(5), None);
        await store.CompleteAttemptAsync(claimed["a"].Key, "w1", Failure with { Error = "exit code 64: --registry is required", ExitCode = 64 }, T0.AddHours(1).AddSeconds(9), None);

        var flaky = await store.ListRunsAsync(new RunQuery { WorkflowId = "flaky", Limit = 1 }, None);
        var older = await store.ListRunsAsync(new RunQuery { WorkflowId = "flaky", Limit = 1, Before = flaky.Next }, None);
        var failed = await store.ListRunsAsync(new RunQuery { State = RunState.Failed }, None);
        var window = await store.ListRunsAsync(new RunQuery { CreatedFrom = T0.AddMinutes(1), CreatedTo = T0.AddMinutes(3), Limit = 1 }, None);
        var none = await store.ListRunsAsync(new RunQuery { WorkflowId = "nothing" }, None);

        Assert.Equal(3, flaky.Total);
        Assert.Equal(3, older.Total);
        Assert.Equal(2, window.Total);
        Assert.Equal(0, none.Total);
        var run = Assert.Single(failed.Runs);
        Assert.Equal(1, failed.Total);
        Assert.Equal(failing.Run.Id, run.Run.Id);
        Assert.Equal(new StepFailure("b", 1, "exit code 1"), run.FirstFailure);
        Assert.All(flaky.Runs.Concat(older.Runs), r => Assert.Null(r.FirstFailure));
    }
}
