using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Testing;
using TempFolder = Pipeline.Orchestrator.Tests.Support.TempFolder;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>
/// Swapping the production model under load, on the real server with three versions the shipped training workflow
/// registered (the whole sample, then single stations of it, so their answers differ): every request succeeds, each
/// answer is exactly what the version it names gives, requests before the promotion get the old version and
/// requests after it the new one; and a pointer another process writes is followed at the next request.
/// </summary>
public sealed class ModelHotSwapTests
{
    private const string Predict = "/api/models/beijing/predict";

    [Fact]
    public async Task Promotions_under_load_switch_versions_between_requests_and_every_request_succeeds()
    {
        using var scratch = new TempFolder("model-hot-swap");
        var registryFolder = scratch.Sub("registry");
        await using var server = await ApiServer.StartAsync([ShippedWorkflows.Read("sensor-training")],
            extra: new() { ["Models:Registries:beijing"] = registryFolder, ["Engine:InputRoots:3"] = scratch.Path });
        var training = await TrainAsync(server, SharedData.BundledSample, registryFolder);
        await TrainAsync(server, OneStation(scratch, "Aotizhongxin"), registryFolder);
        await TrainAsync(server, OneStation(scratch, "Changping"), registryFolder);
        var registry = new ModelRegistry(registryFolder, TimeProvider.System);
        Assert.Equal([1, 2, 3], registry.Versions());
        registry.Promote(1, "the test starts from version 1");

        var features = await FeatureTableReader.ReadAsync(
            Path.Combine(server.DataRoot, "runs", training, "features", FeatureTableReader.FileName), registry.Metadata(1).Features, CancellationToken.None);
        var rows = new JsonArray([.. features.CompleteRows().Take(20)
            .Select(r => (JsonNode)new JsonObject([.. features.Features.Select((f, i) => KeyValuePair.Create(f, (JsonNode?)features.Columns[i][r]))]))]);

        // Version 2 is first loaded by the promotion itself, while the requests keep coming.
        var answers = new ConcurrentBag<Answer>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = clock.Elapsed;
                var (status, body) = await server.PostAsync(Predict, new JsonObject { ["rows"] = rows.DeepClone() });
                answers.Add(new Answer(started, clock.Elapsed, status, body));
            }
        })).ToArray();

        await WaitForAsync(() => answers.Count >= 200, stop.Token);
        var promoting = clock.Elapsed;
        var (promoted, pointer) = await server.PostAsync("/api/models/beijing/production", new JsonObject { ["version"] = 2, ["reason"] = "hot swap under load" });
        var promotedAt = clock.Elapsed;
        Assert.True(promoted == 200, pointer?.ToJsonString());
        await WaitForAsync(() => answers.Count(a => a.Started > promotedAt) >= 200, stop.Token);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var expected = new Dictionary<int, string>
        {
            [1] = (await PostAsync(server, rows, 1))["predictions"]!.ToJsonString(),
            [2] = (await PostAsync(server, rows, 2))["predictions"]!.ToJsonString(),
        };
        Assert.NotEqual(expected[1], expected[2]);
        Assert.All(answers, a => Assert.True(a.Status == 200, $"{a.Status}: {a.Body?.ToJsonString()}"));
        Assert.All(answers, a => Assert.Equal(expected[a.Version], a.Body!["predictions"]!.ToJsonString()));
        Assert.All(answers.Where(a => a.Ended < promoting), a => Assert.Equal(1, a.Version));
        Assert.All(answers.Where(a => a.Started > promotedAt), a => Assert.Equal(2, a.Version));
        Assert.True(answers.Count(a => a.Ended < promoting) >= 200, "the load ran before the promotion");

        // A pointer written by another process (as a training run that promotes writes it) is followed at the next
        // request, which loads the version: nothing asked for version 3 before.
        registry.Promote(3, "promoted by another process");
        var external = await PostAsync(server, rows, null);
        Assert.Equal(3, external["version"]!.GetValue<int>());
        Assert.Equal((await PostAsync(server, rows, 3))["predictions"]!.ToJsonString(), external["predictions"]!.ToJsonString());
    }

    private static Task<string> TrainAsync(ApiServer server, string source, string registry) =>
        ShippedModelFixture.RunToSuccessAsync(server, "sensor-training", new() { ["source"] = source, ["registry"] = registry });

    /// <summary>A folder with one station's CSV of the sample: a model trained on it differs from the whole sample's.</summary>
    private static string OneStation(TempFolder scratch, string station)
    {
        var folder = scratch.Sub(station, create: true);
        var file = $"PRSA_Data_{station}_201303.csv";
        File.Copy(Path.Combine(SharedData.BundledSample, file), Path.Combine(folder, file));
        return folder;
    }

    private static async Task<JsonNode> PostAsync(ApiServer server, JsonArray rows, int? version)
    {
        var (status, body) = await server.PostAsync(Predict, new JsonObject { ["rows"] = rows.DeepClone(), ["version"] = version });
        Assert.True(status == 200, body?.ToJsonString());
        return body!;
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private sealed record Answer(TimeSpan Started, TimeSpan Ended, int Status, JsonNode? Body)
    {
        public int Version => Body!["version"]!.GetValue<int>();
    }
}
