using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>The rules of re-running on a later version, without a store: what is kept, redefined, added or refused.</summary>
public sealed class RunRedefinitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    // Version 1: chunk -> features -> train; features failed, train upstream-failed.
    private static (RunRecord Run, List<StepRunRecord> Steps) Failed()
    {
        var run = new RunRecord { Id = "r1", WorkflowId = "w", WorkflowVersion = 1, State = RunState.Failed, TriggeredBy = "manual", CreatedAt = Now };
        List<StepRunRecord> steps =
        [
            Record(Define("chunk", "c1"), StepState.Succeeded, 1),
            Record(Define("features", "f1", "chunk"), StepState.Failed, 1),
            Record(Define("train", "t1", "features"), StepState.UpstreamFailed, 1),
        ];
        return (run, steps);
    }

    private static StepDefinition Define(string id, string arg, params string[] dependsOn) => new() { Id = id, Command = "/bin/echo", Args = [arg], DependsOn = dependsOn };

    private static StepRunRecord Record(StepDefinition step, StepState state, int version) => new()
    {
        RunId = "r1",
        StepId = step.Id,
        DependsOn = step.DependsOn,
        State = state,
        Attempts = state is StepState.Succeeded or StepState.Failed ? 1 : 0,
        Spec = new StepSpec { Command = step.Command, Args = step.Args, OutputFolder = "/x/" + step.Id },
        WorkflowVersion = version,
    };

    private static RunVersionSwitch To(params StepDefinition[] steps) => new()
    {
        FromVersion = 1,
        ToVersion = 2,
        Before = new[] { Define("chunk", "c1"), Define("features", "f1", "chunk"), Define("train", "t1", "features") }.ToDictionary(s => s.Id),
        After = steps.ToDictionary(s => s.Id),
        Rendered = [.. steps.Select(s => Record(s, StepState.Pending, 2))],
    };

    [Fact]
    public void Re_running_from_failure_redefines_what_runs_again_keeps_the_rest_and_adds_new_steps()
    {
        var (run, steps) = Failed();
        var to = To(Define("chunk", "c1") with { Name = "Renamed only" }, Define("features", "f2", "chunk"), Define("train", "t2", "features"), Define("report", "r2", "chunk"));

        var change = RunRedefinition.RetryFailed(run, steps, to, Now);

        Assert.Equal((RunState.Running, 2), (change.Run.State, change.Run.WorkflowVersion));
        var byId = change.Steps.ToDictionary(s => s.StepId);
        Assert.Equal((StepState.Succeeded, 1, "c1"), (byId["chunk"].State, byId["chunk"].WorkflowVersion, byId["chunk"].Spec.Args[0]));
        Assert.Equal((StepState.Queued, 2, "f2"), (byId["features"].State, byId["features"].WorkflowVersion, byId["features"].Spec.Args[0]));
        Assert.Equal((StepState.Pending, 2, "t2"), (byId["train"].State, byId["train"].WorkflowVersion, byId["train"].Spec.Args[0]));
        // A step the later version adds runs as soon as what it waits for has succeeded.
        Assert.Equal((StepState.Queued, 2), (byId["report"].State, byId["report"].WorkflowVersion));
    }

    [Fact]
    public void A_redefined_step_that_now_waits_for_a_new_step_waits_for_it()
    {
        var (run, steps) = Failed();
        var to = To(Define("chunk", "c1"), Define("clean", "k2", "chunk"), Define("features", "f2", "clean"), Define("train", "t1", "features"));

        var change = RunRedefinition.RetryStep(run, steps, "features", to, Now);

        var byId = change.Steps.ToDictionary(s => s.StepId);
        Assert.Equal(StepState.Queued, byId["clean"].State);
        Assert.Equal((StepState.Pending, "clean"), (byId["features"].State, string.Join(',', byId["features"].DependsOn)));
    }

    [Fact]
    public void A_step_the_later_version_removed_or_a_changed_kept_step_is_refused_by_name()
    {
        var (run, steps) = Failed();

        var removed = Assert.Throws<RunChangeRefusedException>(() => RunRedefinition.RetryFailed(run, steps, To(Define("chunk", "c1"), Define("features", "f2", "chunk")), Now));
        Assert.Equal("version 2 has no step 'train' any more, so this run cannot go on on it: re-run all on the latest version (v2) instead", removed.Message);

        var changed = Assert.Throws<RunChangeRefusedException>(
            () => RunRedefinition.RetryStep(run, steps, "features", To(Define("chunk", "c2") with { Image = null, Env = new Dictionary<string, string> { ["A"] = "1" } }, Define("features", "f2", "chunk"), Define("train", "t1", "features")), Now));
        Assert.StartsWith("step 'chunk' changed from version 1 to 2 (args, env)", changed.Message, StringComparison.Ordinal);

        var moved = Assert.Throws<RunChangeRefusedException>(
            () => RunRedefinition.RetryFailed(run with { WorkflowVersion = 2 }, steps, To(Define("chunk", "c1"), Define("features", "f2", "chunk"), Define("train", "t1", "features")), Now));
        Assert.Contains("moved to version 2 meanwhile", moved.Message, StringComparison.Ordinal);
    }
}
