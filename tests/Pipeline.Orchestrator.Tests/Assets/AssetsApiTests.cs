using System.Globalization;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Orchestrator.Tests.Telemetry;
using static Pipeline.Orchestrator.Tests.Assets.AssetFixtures;
using static Pipeline.Orchestrator.Tests.Assets.AssetRecordingTests;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>
/// The catalog's API on a real server: verifying an asset against the disk (editors only), paging, problem
/// details for what does not exist or does not parse, and the catalog's series on <c>/metrics</c>.
/// </summary>
[Collection(PrometheusScrapeTests.Alone)]
public sealed class AssetsApiTests
{
    private static readonly int[] Days = [1, 2, 3, 4, 5];

    [Fact]
    public async Task Verify_marks_vanished_and_changed_partitions_missing_and_only_editors_may_run_it()
    {
        await using var server = await ApiServer.StartAsync([Writer("load-readings", "readings")]);
        var hashes = await WriteAsync(server, "load-readings", "readings", "r1", Days.ToDictionary(Day, d => $"t,v\n{d},1\n"), (_, _) => FileInput("/in.csv", "aa"));
        var folder = Path.Combine(server.DataRoot, "assets", "readings");
        Directory.Delete(Path.Combine(folder, $"day={Day(1)}"), recursive: true);
        File.AppendAllText(Path.Combine(folder, $"day={Day(2)}", "part.csv"), "2,9\n");
        var changed = Pipeline.Steps.Formats.Assets.PartitionContent.Sha256(Path.Combine(folder, $"day={Day(2)}"));
        // Bookkeeping beside the data is not content: it changes no hash.
        File.WriteAllText(Path.Combine(folder, $"day={Day(3)}", "_SUCCESS"), "");

        var viewer = server.As(await TestAccounts.UserWithKeyAsync(server, "vera", "viewer"));
        Assert.Equal(403, (await viewer.PostAsync("/api/assets/readings/verify")).Status);
        var (status, counts) = await server.PostAsync("/api/assets/readings/verify");

        Assert.Equal(200, status);
        Assert.Equal((5, 3, 1, 1), (counts!["checked"]!.GetValue<int>(), counts["unchanged"]!.GetValue<int>(), counts["vanished"]!.GetValue<int>(), counts["changed"]!.GetValue<int>()));
        var missing = (await viewer.GetJsonAsync("/api/assets/readings/partitions?state=missing"))["partitions"]!.AsArray();
        Assert.Equal([Day(2), Day(1)], missing.Select(p => p!["key"]!.GetValue<string>()));
        Assert.Equal($"changed outside the server: hash {changed}, catalog {hashes[Day(2)]}", missing[0]!["reason"]!.GetValue<string>());
        Assert.Equal("its folder vanished outside the server", missing[1]!["reason"]!.GetValue<string>());
        Assert.Equal(404, (await server.PostAsync("/api/assets/nothing/verify")).Status);
    }

    [Fact]
    public async Task Partitions_page_newest_first_and_bad_queries_get_problem_details()
    {
        await using var server = await ApiServer.StartAsync([Writer("load-readings", "readings")]);
        await WriteAsync(server, "load-readings", "readings", "r1", Days.ToDictionary(Day, d => $"t,v\n{d},1\n"), (_, _) => FileInput("/in.csv", "aa"));

        var first = await server.GetJsonAsync("/api/assets/readings/partitions?limit=2");
        Assert.Equal([Day(5), Day(4)], first["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()));
        Assert.Equal(Day(4), first["next"]!.GetValue<string>());
        Assert.Equal([Day(3), Day(2)], await KeysAsync(server, $"/api/assets/readings/partitions?limit=2&after={Day(4)}"));
        Assert.Equal([Day(3), Day(2)], await KeysAsync(server, $"/api/assets/readings/partitions?from={Day(2)}&to={Day(3)}"));
        Assert.Null((await server.GetJsonAsync($"/api/assets/readings/partitions?after={Day(2)}"))["next"]);

        foreach (var (path, expected) in new[]
        {
            ("/api/assets/nothing/partitions", 404),
            ("/api/assets/Bad..Name/partitions", 404),
            ($"/api/assets/readings/partitions/2099-01-01", 404),
            ("/api/assets/nothing/partitions/2013-03-01", 404),
            ("/api/assets/readings/partitions?state=fresh", 400),
            ("/api/assets/readings/partitions?from=2013-3-1", 400),
            ("/api/assets/readings/partitions?after=../x", 400),
            ("/api/assets/readings/partitions?limit=0", 400),
            ("/api/assets/readings/partitions?limit=1001", 400),
        })
        {
            var (status, body) = await server.SendAsync(HttpMethod.Get, path);
            Assert.True(status == expected, $"{path}: {status} {body}");
            Assert.Contains("\"detail\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_catalog_is_on_metrics_by_asset_and_state()
    {
        await using var server = await ApiServer.StartAsync([Writer("load-readings", "readings")]);
        await WriteAsync(server, "load-readings", "readings", "r1", Days.ToDictionary(Day, d => $"t,v\n{d},1\n"), (_, _) => FileInput("/in.csv", "aa"));

        // The gauges read a snapshot refreshed every 15 s: wait for the first one after the run.
        var lines = (await server.MetricsWithAsync("pipeline_asset_partitions{", TimeSpan.FromSeconds(25))).Split('\n');

        Assert.Equal(5, Value(lines, "pipeline_asset_partitions{", "asset=\"readings\"", "state=\"materialized\""));
        Assert.Equal(0, Value(lines, "pipeline_asset_partitions{", "asset=\"readings\"", "state=\"stale\""));
        Assert.InRange(Value(lines, "pipeline_asset_freshness_seconds{", "asset=\"readings\""), 0, 60);
        Assert.Equal(5, Value(lines, "pipeline_asset_partition_rows_count{", "asset=\"readings\""));
        Assert.DoesNotContain(lines, l => l.StartsWith("pipeline_asset_oldest_stale_age_seconds{", StringComparison.Ordinal));
    }

    private static double Value(string[] lines, string series, params string[] labels)
    {
        var line = Assert.Single(lines, l => l.StartsWith(series, StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)));
        return double.Parse(line[(line.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
