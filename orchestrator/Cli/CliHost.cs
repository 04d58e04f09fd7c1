using System.CommandLine;
using Pipeline.Orchestrator.Hosting;

namespace Pipeline.Orchestrator.Cli;

/// <summary>
/// A host without the web server, for the CLI's commands: the same services and configuration as <c>serve</c>,
/// on the same database. With <c>runSteps</c> it also runs the engine (and publishes the workflows folder first).
/// </summary>
internal static class CliHost
{
    public static async Task<IHost> StartAsync(ParseResult parse, bool runSteps, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(CliOptions.Overrides(parse));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Enabled"] = "false" });
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
        await host.StartAsync(cancellationToken);
        return host;
    }

    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Log what the engine does", Recursive = true };
}
