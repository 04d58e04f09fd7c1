using System.CommandLine;

namespace Pipeline.Orchestrator.Cli;

/// <summary>The command line: <c>dotnet run --project orchestrator -- &lt;command&gt;</c>.</summary>
public static class PipelineCli
{
    public static Task<int> RunAsync(string[] args)
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
        };
        root.Options.Add(CliOptions.Database);
        root.Options.Add(CliOptions.Sqlite);
        root.Options.Add(CliOptions.DataRoot);
        root.Options.Add(CliOptions.Workflows);
        root.Options.Add(CliHost.Verbose);
        return root.Parse(args).InvokeAsync();
    }
}
