using System.CommandLine;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Cli;

/// <summary><c>logs &lt;run-id&gt; &lt;step&gt; [--attempt n] [--stderr] [--follow]</c>: an attempt's output.</summary>
internal static class LogsCommand
{
    private static readonly Argument<string> RunId = new("run-id") { Description = "The run" };
    private static readonly Argument<string> Step = new("step") { Description = "The step's id" };
    private static readonly Option<int?> Attempt = new("--attempt") { Description = "Which attempt (default: the latest)" };
    private static readonly Option<bool> Stderr = new("--stderr") { Description = "Show stderr instead of stdout" };
    private static readonly Option<bool> Follow = new("--follow", "-f") { Description = "Keep showing new output until the attempt ends" };

    public static Command Create()
    {
        var command = new Command("logs", "Show a step attempt's stdout or stderr") { RunId, Step, Attempt, Stderr, Follow };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        var runId = parse.GetValue(RunId)!;
        var stepId = parse.GetValue(Step)!;
        var steps = await host.Services.GetRequiredService<IRunStore>().GetStepRunsAsync(runId, cancellationToken);
        var step = steps.FirstOrDefault(s => s.StepId == stepId);
        if (step is null)
        {
            await Console.Error.WriteLineAsync(steps.Count == 0 ? $"error: no run '{runId}'" : $"error: run '{runId}' has no step '{stepId}'; it has {string.Join(", ", steps.Select(s => s.StepId))}");
            return CliExitCodes.Refused;
        }

        var attempt = parse.GetValue(Attempt) ?? step.Attempts;
        await using var stdout = Console.OpenStandardOutput();
        if (attempt < 1 || !await host.Services.GetRequiredService<LogFollower>()
                .CopyAsync(new AttemptKey(runId, stepId, attempt), parse.GetValue(Stderr), parse.GetValue(Follow), stdout, cancellationToken))
        {
            await Console.Error.WriteLineAsync($"error: run '{runId}' has no attempt {attempt} of step '{stepId}'");
            return CliExitCodes.Refused;
        }

        return CliExitCodes.Success;
    }
}
