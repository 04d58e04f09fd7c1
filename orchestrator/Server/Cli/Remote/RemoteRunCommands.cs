using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Cli.Remote;

/// <summary>The <c>remote</c> commands themselves; each is one or two API calls.</summary>
internal static class RemoteRunCommands
{
    private static readonly Argument<string> Workflow = new("workflow") { Description = "The workflow's id" };
    private static readonly Argument<string> RunId = new("run-id") { Description = "The run" };
    private static readonly Argument<string?> OptionalRunId = new("run-id") { Description = "A run (default: the latest runs)", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Argument<string> Step = new("step") { Description = "The step's id" };
    private static readonly Option<string[]> Inputs = new("--input", "-i") { Description = "An input as name=value; repeat for more" };
    private static readonly Option<int?> Version = new("--version") { Description = "A published version (default: the latest)" };
    private static readonly Option<bool> Wait = new("--wait") { Description = "Wait for the run to end, showing each step's progress" };
    private static readonly Option<string?> RetryStep = new("--step") { Description = "Retry this step and what follows it (default: everything that failed)" };
    private static readonly Option<int> Attempt = new("--attempt") { Description = "The attempt (default 1)", DefaultValueFactory = _ => 1 };
    private static readonly Option<bool> Stderr = new("--stderr") { Description = "The error stream rather than the output" };

    public static Command Trigger()
    {
        var command = new Command("trigger", "Start a run of a workflow's latest (or given) version") { Workflow, Inputs, Version, Wait };
        command.SetAction((parse, cancellationToken) => RemoteCommand.WithServerAsync(parse, async server =>
        {
            if (!RunCommand.TryParseInputs(parse.GetValue(Inputs) ?? [], out var inputs, out var bad))
            {
                await Console.Error.WriteLineAsync($"error: --input '{bad}' is not name=value");
                return CliExitCodes.Refused;
            }

            var body = new JsonObject { ["inputs"] = RemoteCommand.InputsObject(inputs), ["version"] = parse.GetValue(Version) };
            var run = (await server.PostAsync($"/api/workflows/{Uri.EscapeDataString(parse.GetValue(Workflow)!)}/runs", body, cancellationToken))!;
            var runId = run["id"]!.GetValue<string>();
            Console.WriteLine($"run {runId} of {run["workflowId"]} version {run["workflowVersion"]}");
            return parse.GetValue(Wait) ? await RemoteCommand.WaitAsync(server, runId, cancellationToken) : CliExitCodes.Success;
        }));
        return command;
    }

    public static Command Status()
    {
        var command = new Command("status", "The latest runs, or one run with its steps") { OptionalRunId };
        command.SetAction((parse, cancellationToken) => RemoteCommand.WithServerAsync(parse, async server =>
        {
            if (parse.GetValue(OptionalRunId) is not { } runId)
            {
                foreach (var item in (await server.GetJsonAsync("/api/runs?limit=20", cancellationToken))["runs"]!.AsArray())
                {
                    Console.WriteLine(RunLine(item!["run"]!));
                }

                return CliExitCodes.Success;
            }

            var detail = await server.GetJsonAsync($"/api/runs/{Uri.EscapeDataString(runId)}", cancellationToken);
            Console.WriteLine(RunLine(detail["run"]!));
            foreach (var step in detail["steps"]!.AsArray())
            {
                Console.WriteLine($"  {step!["stepId"],-20} {step["state"],-15} attempts {step["attempts"]}{(step["error"]?.GetValue<string>() is { } error ? "  " + error : "")}");
            }

            return CliExitCodes.Success;
        }));
        return command;
    }

    public static Command Cancel() => RunAction("cancel", "Cancel a run; its running steps are stopped", "cancelled");

    public static Command Pause() => RunAction("pause", "Pause a run (a long backfill): no step of it starts until it is resumed; running steps finish", "paused");

    public static Command Resume() => RunAction("resume", "Resume a paused run where it stopped", "resumed");

    // POST /api/runs/{id}/{action}: the server says why when it refuses (an ended run, a run that is not paused).
    private static Command RunAction(string action, string description, string done)
    {
        var command = new Command(action, description) { RunId };
        command.SetAction((parse, cancellationToken) => RemoteCommand.WithServerAsync(parse, async server =>
        {
            await server.PostAsync($"/api/runs/{Uri.EscapeDataString(parse.GetValue(RunId)!)}/{action}", new JsonObject(), cancellationToken);
            Console.WriteLine($"run {parse.GetValue(RunId)} {done}");
            return CliExitCodes.Success;
        }));
        return command;
    }

    public static Command Retry()
    {
        var command = new Command("retry", "Retry what failed in a run, or one step and what follows it") { RunId, RetryStep, Wait };
        command.SetAction((parse, cancellationToken) => RemoteCommand.WithServerAsync(parse, async server =>
        {
            var runId = Uri.EscapeDataString(parse.GetValue(RunId)!);
            var path = parse.GetValue(RetryStep) is { } step ? $"/api/runs/{runId}/steps/{Uri.EscapeDataString(step)}/retry" : $"/api/runs/{runId}/retry-failed";
            await server.PostAsync(path, new JsonObject(), cancellationToken);
            Console.WriteLine($"run {parse.GetValue(RunId)} retrying");
            return parse.GetValue(Wait) ? await RemoteCommand.WaitAsync(server, parse.GetValue(RunId)!, cancellationToken) : CliExitCodes.Success;
        }));
        return command;
    }

    public static Command Logs()
    {
        var command = new Command("logs", "A step attempt's output (or --stderr)") { RunId, Step, Attempt, Stderr };
        command.SetAction((parse, cancellationToken) => RemoteCommand.WithServerAsync(parse, async server =>
        {
            var path = string.Create(CultureInfo.InvariantCulture,
                $"/api/runs/{Uri.EscapeDataString(parse.GetValue(RunId)!)}/steps/{Uri.EscapeDataString(parse.GetValue(Step)!)}/attempts/{parse.GetValue(Attempt)}/logs?stream={(parse.GetValue(Stderr) ? "stderr" : "stdout")}");
            Console.Write(await server.GetTextAsync(path, cancellationToken));
            return CliExitCodes.Success;
        }));
        return command;
    }

    private static string RunLine(JsonNode run) =>
        $"{run["id"]}  {run["workflowId"]} v{run["workflowVersion"]}  {run["state"],-10} {run["triggeredBy"]}{(run["startedBy"]?.GetValue<string>() is { } user ? " by " + user : "")}";
}
