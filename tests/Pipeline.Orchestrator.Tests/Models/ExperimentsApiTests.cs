using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using TempFolder = Pipeline.Orchestrator.Tests.Support.TempFolder;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>
/// Experiments through the API, recorded by the real training workflow on the bundled sample: two runs with different
/// k lists listed with their parameters and candidates, linked to their orchestrator runs, compared, and bad versions
/// refused naming the field. A version from before experiments were recorded stays readable.
/// </summary>
public sealed class ExperimentsApiTests
{
    [Fact]
    public async Task Training_runs_are_listed_read_compared_and_linked_to_their_orchestrator_runs()
    {
        using var scratch = new TempFolder("experiments-api");
        var registry = scratch.Sub("registry");
        OldModelVersion.Write(registry, ["PM2.5_mean", "TEMP_mean"], promoted: false, "kept as a candidate");
        await using var server = await ApiServer.StartAsync([TrainingWithK()], extra: new() { ["Models:Registries:beijing"] = registry, ["Engine:InputRoots:3"] = scratch.Path });
        var inputs = new Dictionary<string, string> { ["source"] = SharedData.BundledSample, ["registry"] = registry };
        var firstRun = await TrainAsync(server, inputs, "3,4");
        var secondRun = await TrainAsync(server, inputs, "6,4,5");

        var list = await server.GetJsonAsync("/api/models/beijing/experiments");
        var experiments = list["experiments"]!.AsArray();
        // Newest first; version 1, registered before experiments were recorded, has none.
        Assert.Equal([3, 2], experiments.Select(e => e!["version"]!.GetValue<int>()));
        Assert.Equal([secondRun, firstRun], experiments.Select(e => e!["run"]!["runId"]!.GetValue<string>()));
        Assert.All(experiments, e => Assert.Equal(("train", 1), (e!["run"]!["stepId"]!.GetValue<string>(), e["run"]!["attempt"]!.GetValue<int>())));
        Assert.Equal([4, 5, 6], Ints(experiments[0]!["parameters"]!["k"]!));
        Assert.Equal([3, 4], Ints(experiments[1]!["parameters"]!["k"]!));
        Assert.Equal([3, 2], experiments.Select(e => e!["candidateCount"]!.GetValue<int>()));
        Assert.Null(list["next"]);

        // The run id is the orchestrator's own: that run trained this version.
        var run = await server.RunAsync(secondRun);
        Assert.Equal("sensor-training", run["run"]!["workflowId"]!.GetValue<string>());
        var manifest = await server.GetJsonAsync($"/api/runs/{secondRun}/steps/train/manifest");
        Assert.Equal(3, manifest["metrics"]!["model"]!["version"]!.GetValue<int>());

        var page = await server.GetJsonAsync("/api/models/beijing/experiments?limit=1");
        Assert.Equal(3, page["experiments"]!.AsArray().Single()!["version"]!.GetValue<int>());
        Assert.Equal(3, page["next"]!.GetValue<int>());
        var rest = await server.GetJsonAsync("/api/models/beijing/experiments?limit=1&before=3");
        Assert.Equal(2, rest["experiments"]!.AsArray().Single()!["version"]!.GetValue<int>());
        Assert.Null(rest["next"]);
        var byRun = await server.GetJsonAsync($"/api/models/beijing/experiments?runId={firstRun}");
        Assert.Equal(2, byRun["experiments"]!.AsArray().Single()!["version"]!.GetValue<int>());
        // The first recorded run met no production version, so it was promoted.
        var promoted = (await server.GetJsonAsync("/api/models/beijing/experiments?promoted=true"))["experiments"]!.AsArray();
        Assert.Contains(2, promoted.Select(e => e!["version"]!.GetValue<int>()));
        Assert.All(promoted, e => Assert.True(e!["promotion"]!["promoted"]!.GetValue<bool>()));
        var chosenK = experiments[1]!["chosen"]!["k"]!.GetValue<int>();
        var byK = (await server.GetJsonAsync($"/api/models/beijing/experiments?k={chosenK}"))["experiments"]!.AsArray();
        Assert.Contains(2, byK.Select(e => e!["version"]!.GetValue<int>()));
        Assert.All(byK, e => Assert.Equal(chosenK, e!["chosen"]!["k"]!.GetValue<int>()));

        var detail = await server.GetJsonAsync("/api/models/beijing/experiments/2");
        var candidates = detail["candidates"]!.AsArray();
        Assert.Equal([3, 4], candidates.Select(c => c!["k"]!.GetValue<int>()));
        var rowsTrained = detail["metrics"]!["rowsTrained"]!.GetValue<long>();
        Assert.True(rowsTrained > 0);
        Assert.All(candidates, c => Assert.Equal(rowsTrained, c!["clusterSizes"]!.AsArray().Sum(s => s!.GetValue<long>())));
        Assert.All(candidates, c => Assert.True(c!["quality"]!["daviesBouldin"]!.GetValue<double>() > 0));
        var chosen = candidates.Single(c => c!["chosen"]!.GetValue<bool>())!;
        Assert.Equal(experiments[1]!["chosen"]!["k"]!.GetValue<int>(), chosen["k"]!.GetValue<int>());

        var comparison = await server.GetJsonAsync("/api/models/beijing/experiments/compare?a=2&b=3");
        var differences = comparison["differentParameters"]!.AsArray().ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!);
        Assert.Equal(("3, 4", "4, 5, 6"), (differences["k"]["a"]!.GetValue<string>(), differences["k"]["b"]!.GetValue<string>()));
        // Same seed, scaling and features; the inputs are each run's own feature folder.
        Assert.Equal(["input", "k"], differences.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, comparison["deltas"]!["rowsTrained"]!.GetValue<long>());
        var pairs = comparison["candidates"]!.AsArray();
        Assert.Equal([3, 4, 5, 6], pairs.Select(p => p!["k"]!.GetValue<int>()));
        Assert.Null(pairs[0]!["b"]);
        Assert.Null(pairs[3]!["a"]);
        // The same k, seed and data train the same candidate in both runs.
        Assert.Equal(0, pairs[1]!["delta"]!["daviesBouldin"]!.GetValue<double>(), 9);

        // The old version is still readable as a version.
        Assert.Equal(4, (await server.GetJsonAsync("/api/models/beijing/versions/1"))["metadata"]!["k"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_versions_and_unknown_models_are_refused_naming_the_field()
    {
        using var scratch = new TempFolder("experiments-api-errors");
        var registry = scratch.Sub("registry");
        OldModelVersion.Write(registry, ["PM2.5_mean", "TEMP_mean"], promoted: false, "kept as a candidate");
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Models:Registries:beijing"] = registry });

        await AssertProblemAsync(server, "/api/models/beijing/experiments/abc", 422, "version");
        await AssertProblemAsync(server, "/api/models/beijing/experiments/0", 422, "version");
        await AssertProblemAsync(server, "/api/models/beijing/experiments/9", 404, "version: the model has no version 9");
        await AssertProblemAsync(server, "/api/models/beijing/experiments/1", 404, "version: version 1 was registered before training runs were recorded");
        await AssertProblemAsync(server, "/api/models/beijing/experiments/compare?a=1", 404, "a: version 1");
        await AssertProblemAsync(server, "/api/models/beijing/experiments/compare?b=1", 422, "a");
        await AssertProblemAsync(server, "/api/models/beijing/experiments?before=latest", 422, "before");
        await AssertProblemAsync(server, "/api/models/beijing/experiments?k=four", 422, "k");
        await AssertProblemAsync(server, "/api/models/beijing/experiments?promoted=maybe", 422, "promoted");
        await AssertProblemAsync(server, "/api/models/nope/experiments", 404, "no model 'nope'");
        await AssertProblemAsync(server, "/api/models/nope/experiments/1", 404, "no model 'nope'");

        // A registry of only old versions has no experiments, and says so with an empty page rather than an error.
        var empty = await server.GetJsonAsync("/api/models/beijing/experiments");
        Assert.Empty(empty["experiments"]!.AsArray());
    }

    private static async Task AssertProblemAsync(ApiServer server, string path, int status, string named)
    {
        var (actual, body) = await server.SendAsync(HttpMethod.Get, path);
        Assert.True(actual == status, $"GET {path}: {actual} {body}");
        var problem = JsonNode.Parse(body)!;
        if (status == 422)
        {
            Assert.Contains(named, problem["errors"]!.AsObject().Select(e => e.Key));
        }
        else
        {
            Assert.Contains(named, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    private static async Task<string> TrainAsync(ApiServer server, Dictionary<string, string> inputs, string k)
    {
        var runId = await server.TriggerAsync("sensor-training", new(inputs) { ["k"] = k });
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());
        return runId;
    }

    /// <summary>The shipped training workflow with the trainer's k list as an input, as a data scientist would vary it.</summary>
    private static JsonObject TrainingWithK()
    {
        var workflow = ShippedWorkflows.Read("sensor-training");
        workflow["inputs"]!["k"] = new JsonObject { ["type"] = "string", ["default"] = "4", ["description"] = "Cluster counts to compare." };
        var train = workflow["steps"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "train")!;
        // Into the registry folder itself, beside the old version of other features (not into a family of their own).
        var args = train["args"]!.AsArray();
        var family = args.Select(a => a!.GetValue<string>()).ToList().IndexOf("--family");
        args.RemoveAt(family + 1);
        args.RemoveAt(family);
        train["args"]!.AsArray().Add("--k");
        train["args"]!.AsArray().Add("${{ inputs.k }}");
        return workflow;
    }

    private static int[] Ints(JsonNode array) => [.. array.AsArray().Select(n => n!.GetValue<int>())];
}
