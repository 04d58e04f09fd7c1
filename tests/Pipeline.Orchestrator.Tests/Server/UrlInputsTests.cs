using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// URLs given to runs reach public addresses only (<c>Engine:AllowPrivateUrls</c> opens them): refused when the run
/// is triggered, whatever the spelling of a loopback address, and refused again by the Chunker where it connects, for a
/// URL the trigger could not check. A loopback HTTP server stands in for a service inside the server's network; what
/// it answers is never repeated into a run's error or logs.
/// </summary>
public sealed class UrlInputsTests
{
    [Fact]
    public async Task A_run_input_URL_to_a_loopback_address_is_refused_at_trigger_in_every_spelling()
    {
        await using var service = await InternalService.StartAsync();
        await using var server = await ApiServer.StartAsync([Fetches("fetches")]);

        foreach (var host in new[] { "127.0.0.1", "localhost", "127.1", "2130706433", "0x7f.0.0.1", "[::1]", "[::ffff:127.0.0.1]" })
        {
            var url = $"http://{host}:{service.Port}/secret.csv";
            var (status, body) = await server.PostAsync("/api/workflows/fetches/runs", new JsonObject { ["inputs"] = new JsonObject { ["source"] = url } });

            Assert.True(status == 422, $"{url}: {status} {body?.ToJsonString()}");
            var problem = Assert.Single(body!["problems"]!.AsArray())!;
            Assert.Equal("$.inputs.source", problem["path"]!.GetValue<string>());
            Assert.Contains("loopback, private or link-local", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("Engine:AllowPrivateUrls", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty((await server.GetJsonAsync("/api/runs?workflow=fetches"))["runs"]!.AsArray());
        Assert.Equal(0, service.Requests);
    }

    [Fact]
    public async Task The_chunker_refuses_a_loopback_URL_where_it_connects_and_says_nothing_it_did_not_fetch()
    {
        await using var service = await InternalService.StartAsync();
        // A literal argument is not a run input: only the step's own check, at its connection, stands in the way.
        var literal = ChunkerStep("literal", service.Url("secret.csv"));
        var redirected = ChunkerStep("redirected", service.Url("to-secret"));
        await using var server = await ApiServer.StartAsync([literal, redirected]);

        foreach (var workflow in new[] { "literal", "redirected" })
        {
            var detail = await server.WaitForEndAsync(await server.TriggerAsync(workflow));

            Assert.Equal("failed", ApiClient.RunState(detail));
            Assert.Equal(["64"], ApiClient.ExitCodes(detail, "chunk"));
            var stderr = await server.LogAsync(detail["run"]!["id"]!.GetValue<string>(), "chunk", 1, "stderr");
            Assert.Contains("loopback, private or link-local", stderr, StringComparison.Ordinal);
        }

        Assert.Equal(0, service.Requests);
    }

    [Fact]
    public async Task Content_fetched_from_a_URL_is_never_echoed_into_the_run_error_or_its_logs()
    {
        await using var service = await InternalService.StartAsync();
        await using var server = await ApiServer.StartAsync([Fetches("fetches")], extra: new() { ["Engine:AllowPrivateUrls"] = "true" });

        foreach (var file in new[] { "secret.csv", "to-secret" })
        {
            var runId = await server.TriggerAsync("fetches", new() { ["source"] = service.Url(file) });
            var detail = await server.WaitForEndAsync(runId);

            Assert.Equal("failed", ApiClient.RunState(detail));
            Assert.Equal(["65"], ApiClient.ExitCodes(detail, "chunk"));
            var said = detail.ToJsonString() + await server.LogAsync(runId, "chunk", 1, "stdout") + await server.LogAsync(runId, "chunk", 1, "stderr");
            Assert.Contains("cannot tell which column is the sensor id", said, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", said, StringComparison.Ordinal);
            Assert.DoesNotContain("admin_token", said, StringComparison.Ordinal);
        }

        Assert.True(service.Requests >= 2, "the allowed URLs were fetched");
    }

    private static JsonObject Fetches(string id)
    {
        var flow = ChunkerStep(id, "${{ inputs.source }}");
        flow["inputs"] = new JsonObject { ["source"] = new JsonObject { ["type"] = "path" } };
        return flow;
    }

    private static JsonObject ChunkerStep(string id, string input) => new()
    {
        ["id"] = id,
        ["name"] = id,
        ["steps"] = new JsonArray(new JsonObject
        {
            ["id"] = "chunk",
            ["program"] = "chunker",
            ["args"] = new JsonArray("--input", input, "--output", "${{ step.output }}"),
        }),
    };
}
