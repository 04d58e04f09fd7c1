using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Cli.Remote;

/// <summary><c>remote upload</c> and <c>remote datasets</c>: datasets sent to and listed by a server's API.</summary>
internal static class RemoteDatasetCommands
{
    private static readonly Argument<FileInfo> File = new("file") { Description = "The CSV file (plain or gzip) to upload" };
    private static readonly Option<string?> Name = new("--name") { Description = "The dataset's name (default: the file's name)" };
    private static readonly Option<string?> TimeZone = new("--time-zone") { Description = "IANA zone of timestamps without an offset (decides the profile's days; default UTC)" };
    private static readonly Option<bool> NoTrigger = new("--no-trigger") { Description = "Start no dataset-triggered workflow" };
    private static readonly Option<bool> Wait = new("--wait") { Description = "Wait for the runs the dataset started, showing their progress" };

    public static Command Upload()
    {
        var command = new Command("upload", "Upload a CSV as a dataset; workflows with a matching dataset trigger start on it") { File, Name, TimeZone, NoTrigger, Wait };
        command.SetAction((parse, cancellationToken) => RemoteCommand.WithServerAsync(parse, async server =>
        {
            var file = parse.GetValue(File)!;
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {file.FullName} does not exist");
                return CliExitCodes.Refused;
            }

            var query = $"name={Uri.EscapeDataString(parse.GetValue(Name) ?? file.Name)}&trigger={(parse.GetValue(NoTrigger) ? "false" : "true")}"
                + (parse.GetValue(TimeZone) is { } zone ? $"&timeZone={Uri.EscapeDataString(zone)}" : "");
            await using var content = file.OpenRead();
            var dataset = await server.UploadAsync($"/api/datasets?{query}", content, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dataset {dataset["id"]} {dataset["name"]}: {dataset["rows"]!.GetValue<long>():N0} rows ({dataset["badRows"]!.GetValue<long>():N0} bad), {dataset["sensors"]} sensors, {dataset["firstDay"]} to {dataset["lastDay"]}"));
            var outcome = CliExitCodes.Success;
            foreach (var run in dataset["runs"]!.AsArray())
            {
                if (run!["runId"]?.GetValue<string>() is not { } runId)
                {
                    Console.WriteLine($"  {run["workflowId"]} did not start: {run["error"]}");
                    continue;
                }

                Console.WriteLine($"  run {runId} of {run["workflowId"]}");
                if (parse.GetValue(Wait) && await RemoteCommand.WaitAsync(server, runId, cancellationToken) != CliExitCodes.Success)
                {
                    outcome = CliExitCodes.RunDidNotSucceed;
                }
            }

            return outcome;
        }));
        return command;
    }

    public static Command List()
    {
        var command = new Command("datasets", "The latest datasets");
        command.SetAction((parse, cancellationToken) => RemoteCommand.WithServerAsync(parse, async server =>
        {
            foreach (var dataset in (await server.GetJsonAsync("/api/datasets?limit=50", cancellationToken))["datasets"]!.AsArray())
            {
                Console.WriteLine(Line(dataset!));
            }

            return CliExitCodes.Success;
        }));
        return command;
    }

    private static string Line(JsonNode d) => string.Create(CultureInfo.InvariantCulture,
        $"{d["id"]}  {d["name"],-30} {d["rows"]!.GetValue<long>(),12:N0} rows  {d["sensors"],4} sensors  {d["firstDay"]} to {d["lastDay"]}  {d["createdAt"]}{(d["createdBy"]?.GetValue<string>() is { } user ? " by " + user : "")}");
}
