using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Tests.Persistence;

/// <summary>Runs to store: steps given as (id, depends-on), roots queued and the rest pending, as the engine creates them.</summary>
internal static class TestRuns
{
    /// <summary>A whole-millisecond time: stores keep milliseconds.</summary>
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

    public static NewRun New(
        string workflowId, DateTimeOffset createdAt, (string Id, string[] DependsOn)[] steps,
        string? dedupKey = null, int retries = 0, RunState state = RunState.Queued, string? id = null)
    {
        var run = new RunRecord
        {
            Id = id ?? RunIds.New(createdAt),
            WorkflowId = workflowId,
            WorkflowVersion = 3,
            State = state,
            TriggeredBy = "manual",
            LogicalDate = createdAt.AddDays(-1),
            Inputs = new Dictionary<string, string> { ["day"] = "2027-01-14" },
            CreatedAt = createdAt,
        };
        var records = steps.Select(s => new StepRunRecord
        {
            RunId = run.Id,
            StepId = s.Id,
            DependsOn = s.DependsOn,
            State = s.DependsOn.Length == 0 ? StepState.Queued : StepState.Pending,
            ReadyAt = s.DependsOn.Length == 0 ? createdAt : null,
            Spec = new StepSpec
            {
                Command = "/bin/echo",
                Args = ["hello", s.Id],
                Env = new Dictionary<string, string> { ["STEP"] = s.Id },
                OutputFolder = $"runs/{run.Id}/{s.Id}",
                Retry = new() { Retries = retries, InitialDelaySeconds = 10, BackoffMultiplier = 2 },
                TimeoutSeconds = 60,
            },
        }).ToList();
        return new NewRun(run, records, dedupKey);
    }

    /// <summary>a, then b after a.</summary>
    public static (string, string[])[] Chain => [("a", []), ("b", ["a"])];

    public static AttemptResult Success => new(AttemptStates.Succeeded, 0, null, true);

    public static AttemptResult Failure => new(AttemptStates.Failed, 1, "exit code 1", true);
}
