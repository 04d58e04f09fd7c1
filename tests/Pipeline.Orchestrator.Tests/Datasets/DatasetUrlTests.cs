using System.Text.Json.Nodes;
using Pipeline.Steps.Confinement;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Datasets.DatasetsApiTests;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Datasets;

/// <summary>
/// Datasets registered by URL, fetched by the real server from a real HTTP server on loopback: refused while private
/// addresses are not allowed (the default), kept with their source when they are, and a failing URL is a 502.
/// </summary>
public sealed class DatasetUrlTests
{
    private static readonly string Sample = Path.Combine(SharedData.BundledSample, "PRSA_Data_Changping_201303.csv");

    [Fact]
    public async Task A_loopback_URL_is_refused_by_default_even_behind_a_name()
    {
        await using var files = await InternalService.StartAsync();
        await using var server = await ApiServer.StartAsync([CountLines("count-all", null)]);

        var (byAddress, problem) = await server.PostAsync("/api/datasets/from-url", new JsonObject { ["url"] = files.Url("changping.csv") });
        var (byName, _) = await server.PostAsync("/api/datasets/from-url", new JsonObject { ["url"] = files.Url("changping.csv").Replace("127.0.0.1", "localhost", StringComparison.Ordinal) });
        var (notHttp, schemeProblem) = await server.PostAsync("/api/datasets/from-url", new JsonObject { ["url"] = "file:///etc/passwd" });

        Assert.Equal(422, byAddress);
        Assert.Contains("loopback, private or link-local", DatasetUploads.FieldError(problem, "url"), StringComparison.Ordinal);
        Assert.Equal(422, byName);
        Assert.Equal(422, notHttp);
        Assert.Contains("http or https", DatasetUploads.FieldError(schemeProblem, "url"), StringComparison.Ordinal);
        Assert.Equal(0, files.Requests);
        Assert.Empty(DatasetFiles(server));
    }

    [Fact]
    public async Task An_allowed_URL_is_fetched_kept_with_its_source_and_a_failing_one_is_a_502()
    {
        await using var files = await InternalService.StartAsync();
        await using var server = await ApiServer.StartAsync([CountLines("count-all", null)],
            extra: new() { ["Datasets:AllowPrivateUrls"] = "true", ["Datasets:DownloadTimeoutSeconds"] = "2" });

        var (status, dataset) = await server.PostAsync("/api/datasets/from-url", new JsonObject { ["url"] = files.Url("changping.csv"), ["timeZone"] = "Asia/Shanghai" });
        var (missing, missingProblem) = await server.PostAsync("/api/datasets/from-url", new JsonObject { ["url"] = files.Url("nothing.csv") });
        var (slow, slowProblem) = await server.PostAsync("/api/datasets/from-url", new JsonObject { ["url"] = files.Url("slow.csv") });

        Assert.True(status == 201, dataset?.ToJsonString());
        Assert.Equal("changping.csv", dataset!["name"]!.GetValue<string>());
        Assert.Equal(files.Url("changping.csv"), dataset["sourceUrl"]!.GetValue<string>());
        Assert.Equal(744, dataset["rows"]!.GetValue<long>());
        Assert.Equal(await File.ReadAllBytesAsync(Sample), await File.ReadAllBytesAsync(dataset["path"]!.GetValue<string>()));
        Assert.Single(dataset["runs"]!.AsArray());
        Assert.Equal(502, missing);
        Assert.Contains("answered 404", missingProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(502, slow);
        Assert.Contains("not fetched and read within 2 s", slowProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(DatasetFiles(server));
    }

    [Fact]
    public async Task A_redirect_out_of_http_is_a_422_naming_the_url_and_keeps_nothing()
    {
        await using var files = await InternalService.StartAsync();
        await using var server = await ApiServer.StartAsync([CountLines("count-all", null)], extra: new() { ["Datasets:AllowPrivateUrls"] = "true" });

        var (status, problem) = await server.PostAsync("/api/datasets/from-url", new JsonObject { ["url"] = files.Url("to-file") });

        Assert.True(status == 422, problem?.ToJsonString());
        Assert.Contains("redirects to file:///etc/passwd", DatasetUploads.FieldError(problem, "url"), StringComparison.Ordinal);
        Assert.Empty(DatasetFiles(server));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("2002:c0a8:101::1", false)]
    [InlineData("64:ff9b::5db8:d822", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void Private_addresses_are_told_from_public_ones(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicAddresses.IsPublic(System.Net.IPAddress.Parse(address)));
}
