using System.CommandLine;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Cli;

/// <summary><c>cancel &lt;run-id&gt;</c>: cancels a run; the server running its steps stops them at its next lease renewal.</summary>
internal static class CancelCommand
{
    private static readonly Argument<string> RunId = new("run-id") { Description = "The run" };

    public static Command Create()
    {
        var command = new Command("cancel", "Cancel a run") { RunId };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
            var runId = parse.GetValue(RunId)!;
            var clock = host.Services.GetRequiredService<TimeProvider>();
            if (!await host.Services.GetRequiredService<IRunStore>().CancelRunAsync(runId, "cancelled from the command line", clock.GetUtcNow(), cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: run '{runId}' does not exist or has already ended");
                return CliExitCodes.Refused;
            }

            Console.WriteLine($"run {runId} cancelled");
            return CliExitCodes.Success;
        });
        return command;
    }
}
