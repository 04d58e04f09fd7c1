using System.CommandLine;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Cli.Remote;

/// <summary>
/// <c>remote --server URL trigger|status|cancel|pause|resume|retry|logs|upload|datasets|materialize</c>: the run
/// commands (dataset uploads, backfills of assets) against a workflow server's API
/// rather than its database, acting with an API key (and so with that key's role), from anywhere that reaches the
/// server. The key comes from <c>--api-key-file</c> or <c>PIPELINE_API_KEY</c>, never the command line, where other
/// users of the machine could read it.
/// </summary>
internal static class RemoteCommand
{
    private static readonly Option<string?> Server = new("--server")
    {
        Description = "The server's base URL (default: $PIPELINE_SERVER)",
        Recursive = true,
    };

    private static readonly Option<FileInfo?> ApiKeyFile = new("--api-key-file")
    {
        Description = "A file holding the API key (default: $PIPELINE_API_KEY)",
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("remote", "Start, watch, retry and cancel runs, upload datasets and backfill assets, on a server through its API with an API key")
        {
            RemoteRunCommands.Trigger(), RemoteRunCommands.Status(), RemoteRunCommands.Cancel(), RemoteRunCommands.Pause(), RemoteRunCommands.Resume(), RemoteRunCommands.Retry(), RemoteRunCommands.Logs(),
            RemoteDatasetCommands.Upload(), RemoteDatasetCommands.List(), RemoteAssetCommands.Materialize(),
        };
        command.Options.Add(Server);
        command.Options.Add(ApiKeyFile);
        return command;
    }

    /// <summary>Runs <paramref name="work"/> against the server, turning refusals and unreachable servers into exit codes.</summary>
    public static async Task<int> WithServerAsync(ParseResult parse, Func<RemoteServer, Task<int>> work)
    {
        var given = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable("PIPELINE_SERVER");
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync($"error: {(string.IsNullOrEmpty(given) ? "no server: pass --server URL or set PIPELINE_SERVER" : $"'{given}' is not an http(s) URL")}");
            return CliExitCodes.Refused;
        }

        var keyFile = parse.GetValue(ApiKeyFile);
        var key = keyFile is null ? Environment.GetEnvironmentVariable("PIPELINE_API_KEY") : (await File.ReadAllTextAsync(keyFile.FullName)).Trim();
        using var server = new RemoteServer(url, key);
        try
        {
            return await work(server);
        }
        catch (RemoteRefusedException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return CliExitCodes.Refused;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"error: the server at {url} does not answer: {e.Message}");
            return CliExitCodes.Failed;
        }
    }

    /// <summary>Polls the run until it ends, printing each step's changes of state; exit 0 only when it succeeded.</summary>
    public static async Task<int> WaitAsync(RemoteServer server, string runId, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var detail = await server.GetJsonAsync($"/api/runs/{Uri.EscapeDataString(runId)}", cancellationToken);
            foreach (var step in detail["steps"]!.AsArray())
            {
                var (id, state) = (step!["stepId"]!.GetValue<string>(), step["state"]!.GetValue<string>());
                if (seen.GetValueOrDefault(id) != state)
                {
                    seen[id] = state;
                    Console.WriteLine($"{RunCommand.Clock(TimeProvider.System.GetUtcNow())} {id,-20} {state}{(step["error"]?.GetValue<string>() is { } error ? ": " + error : "")}");
                }
            }

            var run = detail["run"]!;
            var ended = run["state"]!.GetValue<string>();
            if (ended is "succeeded" or "failed" or "cancelled")
            {
                Console.WriteLine($"run {runId} {ended}{(run["error"]?.GetValue<string>() is { } why ? ": " + why : "")}");
                return ended == "succeeded" ? CliExitCodes.Success : CliExitCodes.RunDidNotSucceed;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    public static JsonObject InputsObject(Dictionary<string, string> inputs) =>
        new([.. inputs.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value))]);
}
