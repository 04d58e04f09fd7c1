using System.CommandLine;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Hosting;
using Pipeline.Orchestrator.Hosting;

namespace Pipeline.Orchestrator.Cli;

/// <summary>
/// A host without the web server, for the CLI's commands: the same services and configuration as <c>serve</c>, on the
/// same database, which it migrates. With <c>runSteps</c> it also runs the engine, for one run only (see
/// <see cref="Engine.Execution.EngineOptions.OnlyRunId"/>), and publishes the workflows folder first, as <c>run</c>
/// and <c>trigger</c> do; the other commands only read or change runs.
/// </summary>
internal static class CliHost
{
    public static async Task<IHost> StartAsync(ParseResult parse, bool runSteps, CancellationToken cancellationToken, bool publishWorkflows = false)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(CliOptions.Overrides(parse));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "false",
            ["Workflows:PublishAtStart"] = publishWorkflows || runSteps ? "true" : "false",
            // Claims nothing until the command knows its run.
            ["Engine:OnlyRunId"] = "",
            // Ctrl+C on the command line means stop now, not finish first.
            ["Engine:DrainTimeout"] = "00:00:00",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(parse.GetValue(Verbose) ? LogLevel.Information : LogLevel.Warning);
        // A start-up failure is printed once, as one line, by the command line itself.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.AddPipelineOrchestrator(builder.Configuration);
        builder.Services.AddHostedService<StartupHostedService>();
        if (runSteps)
        {
            builder.Services.AddPipelineBackgroundWork();
        }

        var host = builder.Build();
        StartupValidation.Run(host.Services);
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>Lets this process's engine run the steps of <paramref name="runId"/>, and only those.</summary>
    public static void RunStepsOf(IHost host, string runId)
    {
        host.Services.GetRequiredService<EngineOptions>().OnlyRunId = runId;
        host.Services.GetRequiredService<EngineSignal>().Wake();
    }

    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Log what the engine does", Recursive = true };
}
