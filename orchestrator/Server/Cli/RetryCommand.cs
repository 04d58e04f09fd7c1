using System.CommandLine;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Cli;

/// <summary>
/// <c>retry &lt;run-id&gt; [--step s] [--wait]</c>: retries one step (clearing its downstream) or, without
/// <c>--step</c>, re-runs what failed. With <c>--wait</c> the steps run here and the command waits for the run.
/// </summary>
internal static class RetryCommand
{
    private static readonly Argument<string> RunId = new("run-id") { Description = "The run" };
    private static readonly Option<string?> Step = new("--step") { Description = "Retry this step and clear what depends on it (default: everything that failed)" };
    private static readonly Option<bool> Wait = new("--wait") { Description = "Run the steps here and wait for the run to end" };

    public static Command Create()
    {
        var command = new Command("retry", "Retry a failed step, or re-run a run from its failure") { RunId, Step, Wait };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var wait = parse.GetValue(Wait);
        using var host = await CliHost.StartAsync(parse, runSteps: wait, cancellationToken);
        var runs = host.Services.GetRequiredService<IRunStore>();
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var runId = parse.GetValue(RunId)!;
        var stepId = parse.GetValue(Step);
        try
        {
            var run = await runs.ChangeRunAsync(runId, (r, steps) => stepId is null
                ? RunProgress.RetryFailed(r, steps, clock.GetUtcNow())
                : RunProgress.RetryStep(r, steps, stepId, clock.GetUtcNow()), cancellationToken);
            if (run is null)
            {
                await Console.Error.WriteLineAsync($"error: no run '{runId}'");
                return CliExitCodes.Refused;
            }
        }
        catch (RunChangeRefusedException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return CliExitCodes.Refused;
        }

        if (wait)
        {
            CliHost.RunStepsOf(host, runId);
        }

        Console.WriteLine(stepId is null ? $"run {runId}: re-running what failed" : $"run {runId}: retrying step '{stepId}'");
        if (!wait)
        {
            return CliExitCodes.Success;
        }

        var ended = await RunProgressPrinter.FollowAsync(host.Services, runId, cancellationToken);
        await host.StopAsync(CancellationToken.None);
        return ended?.State == RunState.Succeeded ? CliExitCodes.Success : CliExitCodes.RunDidNotSucceed;
    }
}
