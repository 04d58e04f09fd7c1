// The workflow server (issue #4) is not built yet: this entry point only states what exists today, so that
// `dotnet run --project orchestrator -- <command>` is already the one documented way in.
var command = args.Length == 0 ? "--help" : args[0];
if (command is "--help" or "-h" or "help")
{
    Console.WriteLine("""
        pipeline: workflow server and CLI for the sensor pipeline

        Usage: dotnet run --project orchestrator -- <command>

        The server, its API and CLI commands (serve, run, trigger, status, logs, retry) are not built yet.
        Today the steps run on their own; see steps/README.md and the quick start in README.md.
        """);
    return 0;
}

await Console.Error.WriteLineAsync($"error: unknown command '{command}': the workflow server is not built yet (see --help)");
return 64;
