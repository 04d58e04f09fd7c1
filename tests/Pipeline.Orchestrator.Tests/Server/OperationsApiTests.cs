using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;
using TempFolder = Pipeline.Orchestrator.Tests.Support.TempFolder;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>What the run and model screens read: a step's manifest, and the model registry's versions.</summary>
public sealed class OperationsApiTests
{
    [Fact]
    public async Task A_steps_manifest_is_served_as_written_and_a_missing_or_corrupt_one_is_named()
    {
        const string Manifest = """{"status":"succeeded","metrics":{"shapes":{"input":{"rows":3,"columns":2}}}}""";
        var flow = ShellWorkflows.Workflow("manifests",
        [
            ShellWorkflows.Step("writes", $"mkdir -p \"$1\" && printf '%s' '{Manifest}' > \"$1/_manifest.json\"", args: ["${{ step.output }}"]),
            ShellWorkflows.Step("silent", "true", dependsOn: ["writes"]),
            ShellWorkflows.Step("corrupt", "mkdir -p \"$1\" && printf '{\"status\":' > \"$1/_manifest.json\"", dependsOn: ["writes"], args: ["${{ step.output }}"]),
        ]);
        await using var server = await ApiServer.StartAsync([flow]);
        var runId = await server.TriggerAsync("manifests");
        Assert.Equal("succeeded", ApiClient.RunState(await server.WaitForEndAsync(runId)));

        var written = await server.GetJsonAsync($"/api/runs/{runId}/steps/writes/manifest");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Manifest), written), written.ToJsonString());

        var (missing, missingBody) = await server.SendAsync(HttpMethod.Get, $"/api/runs/{runId}/steps/silent/manifest");
        Assert.Equal(404, missing);
        Assert.Contains("has no manifest", missingBody, StringComparison.Ordinal);
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Get, $"/api/runs/{runId}/steps/nope/manifest")).Status);

        var (corrupt, corruptBody) = await server.SendAsync(HttpMethod.Get, $"/api/runs/{runId}/steps/corrupt/manifest");
        Assert.Equal(500, corrupt);
        Assert.Contains(Path.Combine(server.DataRoot, "runs", runId, "corrupt", "_manifest.json"), corruptBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_models_api_shows_each_version_the_training_step_registered_and_which_is_production()
    {
        var shipped = ShippedWorkflows.Read("sensor-training");
        using var scratch = new TempFolder("models-api");
        var registry = scratch.Sub("registry");
        // The registry input is a path input: its folder must be one runs may write to.
        await using var server = await ApiServer.StartAsync([shipped], extra: new() { ["Models:Registries:beijing"] = registry, ["Engine:InputRoots:3"] = scratch.Path });

        var before = (await server.GetJsonAsync("/api/models")).AsArray().Single(m => m!["name"]!.GetValue<string>() == "beijing")!;
        Assert.Equal(0, before["versionCount"]!.GetValue<int>());
        Assert.Null(before["productionVersion"]);

        var runId = await server.TriggerAsync("sensor-training", new() { ["source"] = SharedData.BundledSample, ["registry"] = registry });
        var detail = await server.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());

        var model = (await server.GetJsonAsync("/api/models")).AsArray().Single(m => m!["name"]!.GetValue<string>() == "beijing")!;
        Assert.Equal((1, 1, registry), (model["versionCount"]!.GetValue<int>(), model["productionVersion"]!.GetValue<int>(), model["registry"]!.GetValue<string>()));
        var version = Assert.Single((await server.GetJsonAsync("/api/models/beijing/versions")).AsArray())!;
        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(registry, "versions", "0001", "metadata.json")))!;
        Assert.True(version["isProduction"]!.GetValue<bool>());
        Assert.NotNull(version["productionSince"]);
        var metadata = version["metadata"]!;
        Assert.Equal(onDisk["k"]!.GetValue<int>(), metadata["k"]!.GetValue<int>());
        Assert.Equal(onDisk["clusterSizes"]!.ToJsonString(), metadata["clusterSizes"]!.ToJsonString());
        Assert.Equal(onDisk["quality"]!["daviesBouldin"]!.GetValue<double>(), metadata["quality"]!["daviesBouldin"]!.GetValue<double>());

        // A registry file that does not parse is named, not hidden behind an empty list.
        await File.WriteAllTextAsync(Path.Combine(registry, "versions", "0001", "metadata.json"), "{\"version\": 1,");
        var (status, body) = await server.SendAsync(HttpMethod.Get, "/api/models/beijing/versions");
        Assert.Equal(500, status);
        Assert.Contains("metadata.json", body, StringComparison.Ordinal);
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Get, "/api/models/nope/versions")).Status);
    }
}
