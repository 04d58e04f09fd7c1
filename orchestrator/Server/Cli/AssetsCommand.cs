using System.CommandLine;
using System.Globalization;
using Pipeline.Orchestrator.Assets;
using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Orchestrator.Cli;

/// <summary>
/// <c>assets list|partitions|show|verify</c>: the partition catalog, read from the database as <c>status</c> reads
/// runs; <c>verify</c> hashes the partitions' folders again, so it runs where the data root is.
/// </summary>
internal static class AssetsCommand
{
    private static readonly Argument<string> Asset = new("asset") { Description = "The asset's name" };
    private static readonly Argument<string> Key = new("key") { Description = "The partition's day, yyyy-MM-dd" };
    private static readonly Option<string?> State = new("--state") { Description = $"Only partitions in this state ({string.Join(", ", PartitionStates.All)})" };
    private static readonly Option<string?> From = new("--from") { Description = "Only partitions from this day on (yyyy-MM-dd)" };
    private static readonly Option<string?> To = new("--to") { Description = "Only partitions up to this day (yyyy-MM-dd)" };
    private static readonly Option<string?> After = new("--after") { Description = "The page after this day (as the previous page says)" };
    private static readonly Option<int> Limit = new("--limit") { Description = "How many partitions to list (1 to 1000)", DefaultValueFactory = _ => 100 };

    public static Command Create()
    {
        var list = new Command("list", "Every asset with its partitions counted by state, newest materialized day and freshness");
        list.SetAction(ListAsync);
        var partitions = new Command("partitions", "An asset's partitions, newest day first") { Asset, State, From, To, After, Limit };
        partitions.SetAction(PartitionsAsync);
        var show = new Command("show", "A partition: its materializations, what it was made from and what was made from it") { Asset, Key };
        show.SetAction(ShowAsync);
        var verify = new Command("verify", "Hash every partition's folder again; vanished or changed ones become missing") { Asset };
        verify.SetAction(VerifyAsync);
        return new Command("assets", "The partition catalog: assets, partitions, lineage") { list, partitions, show, verify };
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var s in await host.Services.GetRequiredService<IAssetStore>().SummariesAsync(cancellationToken))
        {
            var counts = string.Join(", ", PartitionStates.All.Select(state => $"{s.Counts.GetValueOrDefault(state)} {state}"));
            var fresh = s.LastMaterializedAt is { } at ? $"materialized {Seconds(now - at)} ago" : "never materialized";
            var stale = s.OldestStaleSince is { } since ? $", oldest stale for {Seconds(now - since)}" : "";
            Console.WriteLine($"{s.Asset.Name,-24} {counts}  newest {s.NewestMaterialized ?? "-"} {fresh}{stale}");
        }

        return CliExitCodes.Success;
    }

    private static async Task<int> PartitionsAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var (asset, state, limit) = (parse.GetValue(Asset)!, parse.GetValue(State), parse.GetValue(Limit));
        var problem = state is not null && !PartitionStates.All.Contains(state) ? $"--state '{state}' is not one of {string.Join(", ", PartitionStates.All)}"
            : limit is < 1 or > 1000 ? $"--limit {limit} is not between 1 and 1000"
            : new[] { ("--from", parse.GetValue(From)), ("--to", parse.GetValue(To)), ("--after", parse.GetValue(After)) }
                .Where(o => o.Item2 is not null && !IsDay(o.Item2)).Select(o => $"{o.Item1} '{o.Item2}' is not a day (yyyy-MM-dd)").FirstOrDefault();
        if (problem is not null)
        {
            return await RefuseAsync(problem);
        }

        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        var store = host.Services.GetRequiredService<IAssetStore>();
        if (await store.GetAssetAsync(asset, cancellationToken) is null)
        {
            return await RefuseAsync($"no asset '{asset}'");
        }

        var page = await store.ListPartitionsAsync(new PartitionQuery(asset, state, parse.GetValue(From), parse.GetValue(To), parse.GetValue(After), limit), cancellationToken);
        foreach (var p in page.Partitions)
        {
            Console.WriteLine($"{p.PartitionKey}  {p.State,-12} {Made(p.Current)}{(p.Reason is { } reason ? $"  ({reason})" : "")}");
        }

        if (page.NextAfter is { } next)
        {
            Console.WriteLine($"more: --after {next}");
        }

        return CliExitCodes.Success;
    }

    private static async Task<int> ShowAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var reference = new PartitionRef(parse.GetValue(Asset)!, parse.GetValue(Key)!);
        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        var store = host.Services.GetRequiredService<IAssetStore>();
        if (await store.GetPartitionAsync(reference, cancellationToken) is not { } partition)
        {
            return await RefuseAsync($"asset '{reference.Asset}' has no partition '{reference.PartitionKey}'");
        }

        Console.WriteLine($"{partition.Asset} {partition.PartitionKey}: {partition.State}{(partition.Reason is { } reason ? $" ({reason})" : "")}");
        Console.WriteLine("history:");
        foreach (var m in await store.HistoryAsync(reference, cancellationToken))
        {
            Console.WriteLine($"  {Made(m)}");
        }

        if (partition.Current is { } current)
        {
            Console.WriteLine("made from:");
            foreach (var input in await store.UpstreamAsync(current.Id, cancellationToken))
            {
                Console.WriteLine(input.Partition is { } p
                    ? $"  {p.Asset} {p.PartitionKey} sha256 {Short(p.Sha256)}{(input.Materialization is { } m ? $" (materialization {m.Id})" : " (not in the catalog)")}"
                    : $"  {input.File!.Path} sha256 {Short(input.File.Sha256)}");
            }

            Console.WriteLine("made into:");
            foreach (var m in await store.DownstreamAsync(current.Id, cancellationToken))
            {
                Console.WriteLine($"  {m.Asset} {m.PartitionKey} {Made(m)}");
            }
        }

        return CliExitCodes.Success;
    }

    private static async Task<int> VerifyAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var asset = parse.GetValue(Asset)!;
        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        if (await host.Services.GetRequiredService<AssetVerifier>().VerifyAsync(asset, cancellationToken) is not { } counts)
        {
            return await RefuseAsync($"no asset '{asset}'");
        }

        Console.WriteLine($"{asset}: {counts.Checked} checked, {counts.Unchanged} unchanged, {counts.Vanished} vanished, {counts.Changed} changed outside the server");
        return CliExitCodes.Success;
    }

    private static string Made(Materialization? m) => m is null ? "-" : string.Create(CultureInfo.InvariantCulture,
        $"#{m.Id} {m.CreatedAt:yyyy-MM-dd HH:mm:ss}Z run {m.RunId ?? "-"} step {m.StepId ?? "-"} attempt {m.Attempt?.ToString(CultureInfo.InvariantCulture) ?? "-"} version {m.ProgramVersion ?? "-"}{(m.ImageDigest is { } image ? " image " + image : "")} {m.Rows?.ToString(CultureInfo.InvariantCulture) ?? "?"} rows sha256 {Short(m.ContentSha256)}");

    private static string Short(string? hash) => hash is null ? "-" : hash[..Math.Min(12, hash.Length)];

    private static string Seconds(TimeSpan age) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, age.TotalSeconds):F0} s");

    private static bool IsDay(string value) => value.Length == 10 && AssetLayout.Day(value) is not null;

    private static async Task<int> RefuseAsync(string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}");
        return CliExitCodes.Refused;
    }
}
