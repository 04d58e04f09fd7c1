using System.CommandLine;
using Pipeline.Orchestrator.Hosting;

namespace Pipeline.Orchestrator.Cli;

/// <summary><c>serve [--urls http://127.0.0.1:5080]</c>: the workflow server (API, hooks, engine, scheduler).</summary>
internal static class ServeCommand
{
    private static readonly Option<string> Urls = new("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

    private static readonly Option<string> LogFormat = new("--log-format")
    {
        Description = "Console log format: text, or json (one JSON object per line, with run, step, attempt and trace id)",
        DefaultValueFactory = _ => "text",
    };

    public static Command Create()
    {
        LogFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Run the workflow server: REST API, HTTP triggers, cron scheduler and engine") { Urls, LogFormat };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = CliOptions.Overrides(parse);
            overrides["urls"] = parse.GetValue(Urls);
            if (parse.GetResult(LogFormat) is { Implicit: false })
            {
                overrides["Logging:Console:FormatterName"] = parse.GetValue(LogFormat) == "json" ? "json" : "simple";
            }

            var app = ServerApp.Build([], overrides);
            await app.RunAsync(cancellationToken);
            return CliExitCodes.Success;
        });
        return command;
    }
}
