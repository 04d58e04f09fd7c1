using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Persistence;

/// <summary>A failed run retried on a later version of its workflow: the store writes the new definition, and claims run it.</summary>
[Collection(SharedPostgres.Name)]
public sealed class RunRedefinitionTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_step_retried_on_a_later_version_runs_its_new_definition_and_the_new_step_joins(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var run = await FailedChainAsync(store);
        var to = Switch(run, bArgs: ["fixed"], aArgs: ["hello", "a"]);

        var after = await store.ChangeRunAsync(run.Run.Id, (r, steps) => RunRedefinition.RetryStep(r, steps, "b", to, T0.AddSeconds(10)), None);

        Assert.Equal((RunState.Running, 4), (after!.State, after.WorkflowVersion));
        Assert.Equal(4, (await store.GetRunAsync(run.Run.Id, None))!.WorkflowVersion);
        var steps = (await store.GetStepRunsAsync(run.Run.Id, None)).ToDictionary(s => s.StepId);
        Assert.Equal(["a", "b", "c"], steps.Keys);
        // a kept its output and the version it ran; b takes version 4's definition; c is new, waiting for b.
        Assert.Equal((StepState.Succeeded, 3, "hello a"), (steps["a"].State, steps["a"].WorkflowVersion, string.Join(' ', steps["a"].Spec.Args)));
        Assert.Equal((StepState.Queued, 4, "fixed"), (steps["b"].State, steps["b"].WorkflowVersion, string.Join(' ', steps["b"].Spec.Args)));
        Assert.Equal((StepState.Pending, 4, "b"), (steps["c"].State, steps["c"].WorkflowVersion, string.Join(',', steps["c"].DependsOn)));

        var claimed = Assert.Single(await store.ClaimStepsAsync("w1", 5, T0.AddSeconds(11), Lease, None));
        Assert.Equal(("b", "fixed"), (claimed.Step.StepId, string.Join(' ', claimed.Step.Spec.Args)));
        Assert.True(await store.CompleteAttemptAsync(claimed.Key, "w1", Success, T0.AddSeconds(12), None));
        var c = Assert.Single(await store.ClaimStepsAsync("w1", 5, T0.AddSeconds(13), Lease, None));
        Assert.True(await store.CompleteAttemptAsync(c.Key, "w1", Success, T0.AddSeconds(14), None));

        Assert.Equal(RunState.Succeeded, (await store.GetRunAsync(run.Run.Id, None))!.State);
        var attempts = await store.GetAttemptsAsync(run.Run.Id, None);
        Assert.Equal(
            [("a", 1, 3), ("b", 1, 3), ("b", 2, 4), ("c", 1, 4)],
            attempts.Select(a => (a.StepId, a.Attempt, a.WorkflowVersion ?? 0)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Keeping_the_output_of_a_step_that_changed_is_refused_and_nothing_is_written(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Runs;
        var run = await FailedChainAsync(store);
        var to = Switch(run, bArgs: ["fixed"], aArgs: ["hello", "changed"]);

        var refused = await Assert.ThrowsAsync<RunChangeRefusedException>(
            () => store.ChangeRunAsync(run.Run.Id, (r, steps) => RunRedefinition.RetryFailed(r, steps, to, T0.AddSeconds(10)), None));

        Assert.Contains("step 'a' changed from version 3 to 4 (args)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("re-run all on the latest version (v4)", refused.Message, StringComparison.Ordinal);
        var after = await store.GetRunAsync(run.Run.Id, None);
        Assert.Equal((RunState.Failed, 3), (after!.State, after.WorkflowVersion));
        Assert.Equal(["a", "b"], (await store.GetStepRunsAsync(run.Run.Id, None)).Select(s => s.StepId));
    }

    /// <summary>Version 3's chain a → b, stored and run: a succeeded, b failed.</summary>
    private static async Task<NewRun> FailedChainAsync(Pipeline.Orchestrator.Engine.Storage.IRunStore store)
    {
        var run = New("w", T0, Chain);
        run = run with { Steps = [.. run.Steps.Select(s => s with { WorkflowVersion = 3 })] };
        await store.CreateRunAsync(run, None);
        await store.StartQueuedRunsAsync(_ => 1, T0, None);
        var a = Assert.Single(await store.ClaimStepsAsync("w1", 5, T0, Lease, None));
        Assert.True(await store.CompleteAttemptAsync(a.Key, "w1", Success, T0.AddSeconds(1), None));
        var b = Assert.Single(await store.ClaimStepsAsync("w1", 5, T0.AddSeconds(2), Lease, None));
        Assert.True(await store.CompleteAttemptAsync(b.Key, "w1", Failure, T0.AddSeconds(3), None));
        Assert.Equal(RunState.Failed, (await store.GetRunAsync(run.Run.Id, None))!.State);
        return run;
    }

    /// <summary>Version 4: a with <paramref name="aArgs"/>, b with <paramref name="bArgs"/>, and a new step c after b.</summary>
    private static RunVersionSwitch Switch(NewRun run, string[] bArgs, string[] aArgs)
    {
        StepDefinition Step(string id, string[] args, params string[] dependsOn) => new() { Id = id, Command = "/bin/echo", Args = args, DependsOn = dependsOn };
        StepRunRecord Rendered(StepDefinition step) => new()
        {
            RunId = run.Run.Id,
            StepId = step.Id,
            DependsOn = step.DependsOn,
            State = StepState.Pending,
            Spec = new StepSpec { Command = step.Command, Args = step.Args, OutputFolder = $"runs/{run.Run.Id}/{step.Id}" },
            WorkflowVersion = 4,
        };
        var after = new[] { Step("a", aArgs), Step("b", bArgs, "a"), Step("c", ["report"], "b") };
        return new RunVersionSwitch
        {
            FromVersion = 3,
            ToVersion = 4,
            Before = new[] { Step("a", ["hello", "a"]), Step("b", ["hello", "b"], "a") }.ToDictionary(s => s.Id),
            After = after.ToDictionary(s => s.Id),
            Rendered = [.. after.Select(Rendered)],
        };
    }
}
