using System.CommandLine;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Cli;

/// <summary><c>status [run-id]</c>: one run with its steps and attempts, or the latest runs.</summary>
internal static class StatusCommand
{
    private static readonly Argument<string?> RunId = new("run-id") { Description = "A run (default: list the latest runs)", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Workflow = new("--workflow") { Description = "Only runs of this workflow" };
    private static readonly Option<int> Limit = new("--limit") { Description = "How many runs to list", DefaultValueFactory = _ => 20 };

    public static Command Create()
    {
        var command = new Command("status", "Show a run, or list the latest runs") { RunId, Workflow, Limit };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        var runs = host.Services.GetRequiredService<IRunStore>();
        if (parse.GetValue(RunId) is not { } runId)
        {
            var page = await runs.ListRunsAsync(new RunQuery { WorkflowId = parse.GetValue(Workflow), Limit = parse.GetValue(Limit) }, cancellationToken);
            foreach (var summary in page.Runs)
            {
                var r = summary.Run;
                var counts = string.Join(", ", summary.StepCounts.Select(c => $"{c.Value} {c.Key}"));
                Console.WriteLine($"{r.Id}  {r.WorkflowId} v{r.WorkflowVersion}  {StateNames.Of(r.State),-10} {r.TriggeredBy,-8} {counts}");
            }

            return CliExitCodes.Success;
        }

        var run = await runs.GetRunAsync(runId, cancellationToken);
        if (run is null)
        {
            await Console.Error.WriteLineAsync($"error: no run '{runId}'");
            return CliExitCodes.Refused;
        }

        Console.WriteLine($"run {run.Id}: {run.WorkflowId} version {run.WorkflowVersion}, {StateNames.Of(run.State)}, triggered by {run.TriggeredBy}");
        if (run.Error is { } error)
        {
            Console.WriteLine($"  {error}");
        }

        var attempts = await runs.GetAttemptsAsync(runId, cancellationToken);
        foreach (var step in await runs.GetStepRunsAsync(runId, cancellationToken))
        {
            Console.WriteLine($"  {step.StepId,-20} {StateNames.Of(step.State),-16} attempts {step.Attempts}{(step.Error is { } e ? $"  {e}" : string.Empty)}");
            foreach (var a in attempts.Where(a => a.StepId == step.StepId))
            {
                var took = a.FinishedAt is { } f ? $" {(f - a.StartedAt).TotalSeconds:F1} s" : string.Empty;
                Console.WriteLine($"    #{a.Attempt} {a.State}{took} on {a.WorkerId}{(a.ExitCode is { } c ? $", exit {c}" : string.Empty)}");
            }
        }

        return CliExitCodes.Success;
    }
}
