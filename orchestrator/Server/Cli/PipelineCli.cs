using System.CommandLine;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Cli;

/// <summary>The command line: <c>dotnet run --project orchestrator/Server -- &lt;command&gt;</c>.</summary>
public static class PipelineCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("pipeline: the workflow server and CLI of the sensor pipeline")
        {
            ServeCommand.Create(),
            RunCommand.Create("run", waitByDefault: true),
            RunCommand.Create("trigger", waitByDefault: false),
            StatusCommand.Create(),
            LogsCommand.Create(),
            RetryCommand.Create(),
            CancelCommand.Create(),
            ValidateCommand.Create(),
            UsersCommand.Create(),
            AssetsCommand.Create(),
            Remote.RemoteCommand.Create(),
        };
        root.Options.Add(CliOptions.Database);
        root.Options.Add(CliOptions.Sqlite);
        root.Options.Add(CliOptions.DataRoot);
        root.Options.Add(CliOptions.Workflows);
        root.Options.Add(CliHost.Verbose);
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is OrchestratorStoreException or InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The database is unreachable, a setting is wrong, a folder cannot be written: say so in one line.
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return CliExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            return CliExitCodes.Interrupted;
        }
    }
}
