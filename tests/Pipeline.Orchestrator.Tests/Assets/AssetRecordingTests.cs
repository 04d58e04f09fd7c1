using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using static Pipeline.Orchestrator.Tests.Assets.AssetFixtures;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>
/// Real workflows on a real server (SQLite and PostgreSQL) whose steps write day partitions and report them in
/// their manifests: the catalog records each with its run, step, attempt and version; late data for three old days
/// turns exactly those three days downstream stale, until they are made again; a failing attempt's partitions are
/// recorded, and its retry reporting the same content records nothing new.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class AssetRecordingTests(PostgresFixture postgres)
{
    private static readonly int[] Days = [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Persistence.TestDatabase.Engines), MemberType = typeof(Persistence.TestDatabase))]
    public async Task Late_data_for_three_days_turns_exactly_those_days_downstream_stale_until_they_are_made_again(string engine)
    {
        await using var server = await StartAsync(engine);
        var readings = await WriteAsync(server, "load-readings", "readings", "r1", Days.ToDictionary(Day, d => $"t,v\n{d},1\n"), (_, _) => FileInput("/data/in/march.csv", "aa"));
        await WriteAsync(server, "make-features", "features", "f1", Days.ToDictionary(Day, d => $"f\n{d}\n"), (key, _) => PartitionInput("readings", key, readings[key]));

        var assets = await server.GetJsonAsync("/api/assets");
        Assert.Equal(["features", "readings"], assets.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.All(assets.AsArray(), a => Assert.Equal(5, a!["partitions"]!["materialized"]!.GetValue<long>()));
        Assert.All(assets.AsArray(), a => Assert.Equal(Day(5), a!["newestMaterialized"]!.GetValue<string>()));

        // Late rows for the 2nd, 3rd and 5th: the run reports all five days, two of them unchanged.
        int[] late = [2, 3, 5];
        var lateRun = await WriteAsync(server, "load-readings", "readings", "r2", Days.ToDictionary(Day, d => late.Contains(d) ? $"t,v\n{d},1\n{d},2\n" : $"t,v\n{d},1\n"), (_, _) => FileInput("/data/in/late.csv", "bb"));

        Assert.Equal([Day(5), Day(3), Day(2)], await KeysAsync(server, "/api/assets/features/partitions?state=stale"));
        Assert.Equal(2, (await server.GetJsonAsync($"/api/assets/readings/partitions/{Day(2)}"))["history"]!.AsArray().Count);
        Assert.Single((await server.GetJsonAsync($"/api/assets/readings/partitions/{Day(1)}"))["history"]!.AsArray());

        var stale = await server.GetJsonAsync($"/api/assets/features/partitions/{Day(2)}");
        Assert.Equal("stale", stale["partition"]!["state"]!.GetValue<string>());
        Assert.Equal($"input readings/{Day(2)} was materialized again", stale["partition"]!["reason"]!.GetValue<string>());
        var current = stale["partition"]!["current"]!;
        Assert.Equal(("features", 1, StepVersion, 24L), (current["stepId"]!.GetValue<string>(), current["attempt"]!.GetValue<int>(), current["programVersion"]!.GetValue<string>(), current["rows"]!.GetValue<long>()));
        var upstream = Assert.Single(stale["upstream"]!.AsArray())!;
        Assert.Equal(("readings", Day(2), readings[Day(2)]), (upstream["asset"]!.GetValue<string>(), upstream["partition"]!.GetValue<string>(), upstream["sha256"]!.GetValue<string>()));
        Assert.Equal(readings[Day(2)], upstream["materialization"]!["contentSha256"]!.GetValue<string>());
        Assert.Empty((await server.GetJsonAsync($"/api/assets/readings/partitions/{Day(2)}"))["downstream"]!.AsArray());

        // The three days made again from the late readings: every feature day is materialized again.
        var featuresRun = await WriteAsync(server, "make-features", "features", "f2", late.ToDictionary(Day, d => $"f\n{d}\nlate\n"), (key, _) => PartitionInput("readings", key, lateRun[key]));
        assets = await server.GetJsonAsync("/api/assets");
        Assert.Equal(5, assets[0]!["partitions"]!["materialized"]!.GetValue<long>());
        Assert.Equal(0, assets[0]!["partitions"]!["stale"]!.GetValue<long>());
        var downstream = Assert.Single((await server.GetJsonAsync($"/api/assets/readings/partitions/{Day(2)}"))["downstream"]!.AsArray())!;
        Assert.Equal(("features", featuresRun[Day(2)]), (downstream["asset"]!.GetValue<string>(), downstream["contentSha256"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Persistence.TestDatabase.Engines), MemberType = typeof(Persistence.TestDatabase))]
    public async Task A_failed_attempt_s_partitions_are_recorded_and_its_retry_with_the_same_content_adds_nothing(string engine)
    {
        await using var server = await StartAsync(engine, Writer("flaky", "readings", new JsonObject { ["retry"] = new JsonObject { ["retries"] = 1, ["initialDelaySeconds"] = 0.1 } }));
        var content = Days.ToDictionary(Day, d => $"t,v\n{d},1\n");
        var src = Path.Combine(server.Scratch, "flaky");
        var hashes = WriteDays(src, content);
        var manifest = Path.Combine(server.Scratch, "flaky.json");
        File.WriteAllText(manifest, Manifest(server.DataRoot, "readings", content.Keys.Select(k => (k, "created", hashes[k], FileInput("/data/in/a.csv", "aa")))).ToJsonString());

        var runId = await server.TriggerAsync("flaky", new() { ["src"] = src, ["manifest"] = manifest, ["failOnce"] = Path.Combine(server.Scratch, "failed-once") });
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(1));

        Assert.Equal(["failed", "succeeded"], ApiClient.Attempts(detail, "readings"));
        var partition = await server.GetJsonAsync($"/api/assets/readings/partitions/{Day(3)}");
        var made = Assert.Single(partition["history"]!.AsArray())!;
        Assert.Equal((runId, 1, hashes[Day(3)]), (made["runId"]!.GetValue<string>(), made["attempt"]!.GetValue<int>(), made["contentSha256"]!.GetValue<string>()));
        Assert.Equal("materialized", partition["partition"]!["state"]!.GetValue<string>());
        var asset = Assert.Single((await server.GetJsonAsync("/api/assets")).AsArray())!;
        Assert.Equal(("Europe/Berlin", Path.Combine(server.DataRoot, "assets", "readings")), (asset["timeZone"]!.GetValue<string>(), asset["folder"]!.GetValue<string>()));
    }

    private async Task<ApiServer> StartAsync(string engine, params System.Text.Json.Nodes.JsonObject[] workflows) =>
        await ApiServer.StartAsync(
            workflows.Length > 0 ? workflows : [Writer("load-readings", "readings"), Writer("make-features", "features")],
            await Persistence.TestDatabase.ConnectionStringAsync(engine, postgres));

    /// <summary>Runs <paramref name="workflow"/> writing <paramref name="content"/> as partitions of <paramref name="asset"/>; their hashes by key.</summary>
    internal static async Task<Dictionary<string, string>> WriteAsync(
        ApiServer server, string workflow, string asset, string name, Dictionary<string, string> content, Func<string, string, JsonArray> inputs)
    {
        var src = Path.Combine(server.Scratch, name);
        var hashes = WriteDays(src, content);
        var manifest = Path.Combine(server.Scratch, name + ".json");
        File.WriteAllText(manifest, Manifest(server.DataRoot, asset, content.Keys.Select(k => (k, "created", hashes[k], inputs(k, hashes[k])))).ToJsonString());
        var runId = await server.TriggerAsync(workflow, new() { ["src"] = src, ["manifest"] = manifest });
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(1));
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());
        return hashes;
    }

    internal static async Task<List<string>> KeysAsync(ApiClient client, string path) =>
        [.. (await client.GetJsonAsync(path))["partitions"]!.AsArray().Select(p => p!["key"]!.GetValue<string>())];
}
