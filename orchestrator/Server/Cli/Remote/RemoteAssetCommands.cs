using System.CommandLine;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Cli.Remote;

/// <summary><c>remote materialize</c>: a backfill of an asset's days, as the Assets page's Materialize starts it.</summary>
internal static class RemoteAssetCommands
{
    private static readonly Argument<string> Asset = new("asset") { Description = "The asset whose days to make (e.g. features)" };
    private static readonly Argument<string[]> Days = new("days")
    {
        Description = "Days (yyyy-MM-dd) and ranges (yyyy-MM-dd..yyyy-MM-dd)",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> Workflow = new("--workflow") { Description = "The workflow to run, when several materialize the asset" };
    private static readonly Option<bool> WithUpstream = new("--with-upstream")
    {
        Description = "First make the days missing from the assets it reads (each by the workflow materializing it)",
    };

    private static readonly Option<bool> Wait = new("--wait") { Description = "Wait for the backfill to end, showing each step's progress" };

    public static Command Materialize()
    {
        var command = new Command("materialize", "Make days of an asset: one run fanning out over them (a backfill)") { Asset, Days, Workflow, WithUpstream, Wait };
        command.SetAction((parse, cancellationToken) => RemoteCommand.WithServerAsync(parse, async server =>
        {
            var body = new JsonObject
            {
                ["partitions"] = new JsonArray([.. parse.GetValue(Days)!.Select(d => (JsonNode)d)]),
                ["workflow"] = parse.GetValue(Workflow),
                ["upstream"] = parse.GetValue(WithUpstream),
            };
            var started = (await server.PostAsync($"/api/assets/{Uri.EscapeDataString(parse.GetValue(Asset)!)}/materialize", body, cancellationToken))!;
            foreach (var upstream in started["upstream"]!.AsArray())
            {
                Console.WriteLine($"run {upstream!["runId"]} of {upstream["workflow"]} makes {upstream["partitions"]} missing days of {upstream["asset"]} first");
            }

            var runId = started["runId"]!.GetValue<string>();
            Console.WriteLine($"run {runId} of {started["workflow"]} makes {started["partitions"]} days of {parse.GetValue(Asset)}");
            return parse.GetValue(Wait) ? await RemoteCommand.WaitAsync(server, runId, cancellationToken) : CliExitCodes.Success;
        }));
        return command;
    }
}
