using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Datasets;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// Time zones that name zoneinfo folders or paths (issue #20): a folder made the zone lookup throw, a 500 from the
/// cron preview and from validating or creating a definition with a cron trigger in it; a path's spelling
/// (<c>Europe//Berlin</c>) was taken as a zone. Every entry point refuses them with 422 at the field.
/// </summary>
public sealed class TimeZoneRefusalTests
{
    private static readonly string[] PathLike = ["America", "Etc", "posix", "..", "America/", "/etc/passwd", "../../etc/passwd", "Europe//Berlin"];

    [Fact]
    public async Task The_cron_preview_refuses_them_at_timeZone()
    {
        await using var server = await ApiServer.StartAsync([]);
        foreach (var zone in PathLike)
        {
            var (status, problem) = await server.PostAsync("/api/cron/preview", new JsonObject { ["schedule"] = "0 * * * *", ["timeZone"] = zone });

            Assert.True(status == 422, $"{zone}: {status} {problem?.ToJsonString()}");
            var found = Assert.Single(problem!["problems"]!.AsArray());
            Assert.Equal("$.timeZone", found!["path"]!.GetValue<string>());
            Assert.Equal($"unknown time zone '{zone}'; expected an IANA id such as Europe/Berlin or UTC", found["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Validating_and_creating_a_definition_refuse_a_cron_trigger_in_them_at_its_path()
    {
        await using var server = await ApiServer.StartAsync([]);
        foreach (var zone in PathLike)
        {
            var definition = Workflow("zoned", [Step("a", "true")], triggers: [new JsonObject { ["type"] = "cron", ["schedule"] = "0 * * * *", ["timeZone"] = zone }]);

            var (validated, problems) = await server.PostAsync("/api/workflows/validate", definition);
            var (created, refusal) = await server.PostAsync("/api/workflows", definition);

            Assert.True(validated == 200, $"{zone}: {validated} {problems?.ToJsonString()}");
            Assert.Equal(["$.triggers[0].timeZone"], problems!.AsArray().Select(p => p!["path"]!.GetValue<string>()));
            Assert.True(created == 422, $"{zone}: {created} {refusal?.ToJsonString()}");
            Assert.Equal(["$.triggers[0].timeZone"], refusal!["problems"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()));
        }

        Assert.Empty((await server.GetJsonAsync("/api/workflows")).AsArray());
    }

    [Fact]
    public async Task A_dataset_upload_refuses_them_naming_timeZone()
    {
        await using var server = await ApiServer.StartAsync([]);
        var sample = await File.ReadAllBytesAsync(Path.Combine(SharedData.BundledSample, "PRSA_Data_Aotizhongxin_201303.csv"));
        foreach (var zone in PathLike)
        {
            var (status, problem) = await DatasetUploads.MultipartAsync(server, sample, "x.csv", new() { ["timeZone"] = zone });

            Assert.True(status == 422, $"{zone}: {status} {problem?.ToJsonString()}");
            Assert.Contains("is not a known IANA time zone", DatasetUploads.FieldError(problem, "timeZone"), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets"))["total"]!.GetValue<long>());
    }
}
