using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>
/// The registry through the API: a version's metadata and model file, promotion and rollback recorded with who and
/// when, and two versions compared. The registry is the steps' own (<see cref="ModelRegistry"/>), written as
/// ClusterTrain writes it.
/// </summary>
public sealed class ModelVersionsApiTests
{
    [Fact]
    public async Task Versions_are_read_downloaded_promoted_rolled_back_and_compared()
    {
        using var folder = new TempFolder("orchestrator-models");
        var registry = new ModelRegistry(folder.Sub("clusters"), TimeProvider.System);
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Models:Registries:clusters"] = registry.Root });
        var model = RandomNumberGenerator.GetBytes(256);
        registry.Register(Version([[10, 1], [20, 2]], promoted: true), model);
        registry.Register(Version([[13, 1], [20, 6]], promoted: false), [1, 2, 3]);

        var second = await server.GetJsonAsync("/api/models/clusters/versions/2");
        Assert.Equal(2, second["metadata"]!["version"]!.GetValue<int>());
        Assert.False(second["isProduction"]!.GetValue<bool>());
        using var download = await server.Http.GetAsync(new Uri("/api/models/clusters/versions/1/model", UriKind.Relative));
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(model, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Get, "/api/models/clusters/versions/9")).Status);

        var comparison = await server.GetJsonAsync("/api/models/clusters/compare?a=1&b=2");
        Assert.True(comparison["sameFeatures"]!.GetValue<bool>());
        var shifts = comparison["centroidShifts"]!.AsArray();
        Assert.Equal(3.0, shifts[0]!["distance"]!.GetValue<double>(), 9);
        Assert.Equal(1.5, shifts[0]!["scaledDistance"]!.GetValue<double>(), 9);
        Assert.Equal(4.0, shifts[1]!["distance"]!.GetValue<double>(), 9);
        Assert.Equal(0.1, comparison["qualityDelta"]!["daviesBouldin"]!.GetValue<double>(), 9);

        var editorKey = await TestAccounts.UserWithKeyAsync(server, "mlops", "editor");
        var operatorKey = await TestAccounts.UserWithKeyAsync(server, "oncall", "operator");
        using var editor = server.As(editorKey);
        using var oncall = server.As(operatorKey);
        Assert.Equal(403, (await oncall.PostAsync("/api/models/clusters/production", new JsonObject { ["version"] = 2 })).Status);
        var (promoted, pointer) = await editor.PostAsync("/api/models/clusters/production", new JsonObject { ["version"] = 2, ["reason"] = "better on March" });
        Assert.Equal(200, promoted);
        Assert.Equal("mlops", pointer!["promotedBy"]!.GetValue<string>());
        Assert.Equal(2, registry.Production()!.Version);
        Assert.Equal(404, (await editor.PostAsync("/api/models/clusters/production", new JsonObject { ["version"] = 7, ["reason"] = "no such version" })).Status);

        // A production change says why: without a reason it is refused, and production stays as it was.
        var (noReason, refusal) = await editor.PostAsync("/api/models/clusters/production", new JsonObject { ["version"] = 1, ["reason"] = "  " });
        Assert.Equal(422, noReason);
        Assert.NotNull(refusal!["errors"]!["reason"]);
        Assert.Equal(422, (await editor.PostAsync("/api/models/clusters/rollback", new JsonObject())).Status);
        Assert.Equal(2, registry.Production()!.Version);

        var (rolledBack, back) = await editor.PostAsync("/api/models/clusters/rollback", new JsonObject { ["reason"] = "v2 splits the night cluster" });
        Assert.Equal(200, rolledBack);
        Assert.Equal(1, back!["version"]!.GetValue<int>());
        Assert.Equal("v2 splits the night cluster", back["reason"]!.GetValue<string>());
        var history = (await server.GetJsonAsync("/api/models/clusters/production/history")).AsArray();
        Assert.Equal([1, 2, 1], history.Select(h => h!["version"]!.GetValue<int>()));
        Assert.Equal([null, "mlops", "mlops"], history.Select(h => h!["promotedBy"]?.GetValue<string>()));

        // A model file changed on disk is refused, naming the file, rather than served.
        await File.WriteAllBytesAsync(Path.Combine(registry.Root, "versions", "0002", ModelRegistry.ModelFileName), [9, 9, 9]);
        var (corrupt, problem) = await server.SendAsync(HttpMethod.Get, "/api/models/clusters/versions/2/model");
        Assert.Equal(500, corrupt);
        Assert.Contains("does not match its checksum", problem, StringComparison.Ordinal);
    }

    private static ModelVersion Version(double[][] centroids, bool promoted) => new()
    {
        CreatedAt = DateTimeOffset.UnixEpoch,
        Trainer = "test",
        Training = new TrainingData("features.parquet", 100, 0, new DateOnly(2013, 3, 1), new DateOnly(2013, 3, 31), 3),
        Features = ["TEMP_mean", "PM25_mean"],
        Scaling = new FeatureScaling("standard", [0, 0], [2, 4]),
        K = 2,
        Seed = 1,
        Quality = new ModelQuality(promoted ? 0.5 : 0.6, 1.0, 10.0),
        ClusterSizes = [60, 40],
        Centroids = centroids,
        ClusterIds = [0, 1],
        Promotion = new PromotionDecision(promoted, promoted ? "first version" : "not better"),
    };
}
