using System.CommandLine;
using System.Globalization;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Cli;

/// <summary>
/// <c>run &lt;workflow&gt; [--input k=v]... [--wait]</c>: starts a run. With <c>--wait</c> this process also runs the
/// steps (the embedded engine, beside any server on the same database), shows each step's progress, and exits 0
/// only when the run succeeded. <c>trigger</c> is the same without waiting: a server runs it.
/// </summary>
internal static class RunCommand
{
    private static readonly Argument<string> Workflow = new("workflow") { Description = "The workflow's id" };
    private static readonly Option<string[]> Inputs = new("--input", "-i") { Description = "An input as name=value; repeat for more", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<int?> Version = new("--version") { Description = "A published version (default: the latest)" };
    private static readonly Option<DateOnly?> LogicalDate = new("--logical-date") { Description = "The day the run is about (yyyy-MM-dd; default: today)" };
    private static readonly Option<bool> Wait = new("--wait") { Description = "Run the steps here and wait for the run to end" };

    public static Command Create(string name, bool waitByDefault)
    {
        var command = new Command(name, waitByDefault ? "Start a run and run its steps here, showing progress" : "Start a run for a server to execute")
        {
            Workflow, Inputs, Version, LogicalDate,
        };
        if (!waitByDefault)
        {
            command.SetAction((parse, ct) => RunAsync(parse, wait: false, ct));
            return command;
        }

        command.Options.Add(Wait);
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(Wait), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, bool wait, CancellationToken cancellationToken)
    {
        if (!TryParseInputs(parse.GetValue(Inputs) ?? [], out var inputs, out var bad))
        {
            await Console.Error.WriteLineAsync($"error: --input '{bad}' is not name=value");
            return CliExitCodes.Refused;
        }

        using var host = await CliHost.StartAsync(parse, runSteps: wait, cancellationToken, publishWorkflows: true);
        var launcher = host.Services.GetRequiredService<RunLauncher>();
        RunRecord run;
        try
        {
            var day = parse.GetValue(LogicalDate);
            run = (await launcher.LaunchAsync(
                new LaunchRequest
                {
                    WorkflowId = parse.GetValue(Workflow)!,
                    Version = parse.GetValue(Version),
                    Inputs = inputs,
                    LogicalDate = day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
                },
                cancellationToken))!;
        }
        catch (LaunchRefusedException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            foreach (var problem in e.Problems)
            {
                await Console.Error.WriteLineAsync($"  {problem.Path}: {problem.Message}");
            }

            return CliExitCodes.Refused;
        }

        Console.WriteLine($"run {run.Id} of {run.WorkflowId} version {run.WorkflowVersion}");
        if (!wait)
        {
            Console.WriteLine("queued; a server (serve) runs it. Follow it with: status " + run.Id);
            await host.StopAsync(CancellationToken.None);
            return CliExitCodes.Success;
        }

        CliHost.RunStepsOf(host, run.Id);
        var ended = await RunProgressPrinter.FollowAsync(host.Services, run.Id, cancellationToken);
        await host.StopAsync(CancellationToken.None);
        return ended?.State == RunState.Succeeded ? CliExitCodes.Success : CliExitCodes.RunDidNotSucceed;
    }

    internal static bool TryParseInputs(string[] given, out Dictionary<string, string> inputs, out string? bad)
    {
        inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        bad = null;
        foreach (var pair in given)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                bad = pair;
                return false;
            }

            inputs[pair[..equals]] = pair[(equals + 1)..];
        }

        return true;
    }

    internal static string Clock(DateTimeOffset time) => time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
