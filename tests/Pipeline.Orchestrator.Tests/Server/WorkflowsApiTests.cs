using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

public sealed class WorkflowsApiTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task The_OpenAPI_document_lists_the_endpoints()
    {
        var document = await Server.GetJsonAsync("/openapi/v1.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal("Pipeline workflow server", document["info"]!["title"]!.GetValue<string>());
        foreach (var expected in new[]
        {
            "/api/workflows", "/api/workflows/{workflowId}/publish", "/api/workflows/{workflowId}/versions", "/api/runs", "/api/runs/{runId}",
            "/api/workflows/{workflowId}/runs", "/api/runs/{runId}/cancel", "/api/runs/{runId}/steps/{stepId}/retry", "/api/runs/{runId}/retry-failed",
            "/api/runs/{runId}/rerun", "/api/runs/{runId}/steps/{stepId}/attempts/{attempt}/logs", "/api/schedules", "/api/workflows/{workflowId}/backfill",
            "/api/step-types", "/api/cron/preview", "/api/runs/{runId}/steps/{stepId}/manifest", "/api/models", "/api/models/{name}/versions",
        })
        {
            Assert.Contains(expected, paths);
        }

        Assert.Contains(paths, p => p.StartsWith("/hooks/", StringComparison.Ordinal));
        Assert.NotNull(document["paths"]!["/api/runs/{runId}/cancel"]!["post"]);
    }

    [Fact]
    public async Task The_API_reference_page_responds()
    {
        using var response = await Server.Http.GetAsync(new Uri("/api/reference", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        using var script = await Server.Http.GetAsync(new Uri("/api/reference/scalar.js", UriKind.Relative));
        Assert.Equal(200, (int)script.StatusCode);
    }

    [Fact]
    public async Task An_invalid_definition_is_refused_with_every_problem_and_its_path()
    {
        var invalid = JsonNode.Parse("""
            {
              "id": "Not A Valid Id",
              "name": "invalid",
              "steps": [
                { "id": "a", "command": "/bin/true", "dependsOn": ["nope"] },
                { "id": "b", "command": "/bin/true", "image": "alpine" }
              ]
            }
            """)!;
        using var content = new StringContent(invalid.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

        using var response = await Server.Http.PostAsync(new Uri("/api/workflows", UriKind.Relative), content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(422, body["status"]!.GetValue<int>());
        var paths = body["problems"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).ToList();
        Assert.All(body["problems"]!.AsArray(), p => Assert.False(string.IsNullOrWhiteSpace(p!["message"]!.GetValue<string>())));
        Assert.Equal(["$.id", "$.steps[0].dependsOn[0]", "$.steps[1]"], paths.Order(StringComparer.Ordinal));
        using var missing = await Server.Http.GetAsync(new Uri("/api/workflows/not-a-valid-id/versions/1", UriKind.Relative));
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Fact]
    public async Task Published_versions_are_immutable_and_runs_record_the_version_they_ran()
    {
        var definition = TestFlows.Echo("versioned");
        definition["name"] = "first name";
        var (created, summary) = await Server.PostAsync("/api/workflows", definition);
        Assert.Equal(201, created);
        Assert.Null(summary!["latestVersion"]);
        Assert.True(summary["hasDraft"]!.GetValue<bool>());

        var (published, v1) = await Server.PostAsync("/api/workflows/versioned/publish");
        Assert.Equal(200, published);
        Assert.Equal(1, v1!["version"]!.GetValue<int>());

        definition["name"] = "second name";
        using (var content = new StringContent(definition.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))
        using (var put = await Server.Http.PutAsync(new Uri("/api/workflows/versioned", UriKind.Relative), content))
        {
            Assert.Equal(200, (int)put.StatusCode);
        }

        Assert.Equal("first name", (await Server.GetJsonAsync("/api/workflows/versioned/versions/1"))["definition"]!["name"]!.GetValue<string>());
        Assert.Equal("second name", (await Server.GetJsonAsync("/api/workflows/versioned/draft"))["name"]!.GetValue<string>());
        var beforeSecondPublish = await Server.TriggerAsync("versioned");

        var (_, v2) = await Server.PostAsync("/api/workflows/versioned/publish");
        var onLatest = await Server.TriggerAsync("versioned");
        var onFirst = await Server.TriggerAsync("versioned", version: 1);

        Assert.Equal(2, v2!["version"]!.GetValue<int>());
        Assert.Equal("first name", (await Server.GetJsonAsync("/api/workflows/versioned/versions/1"))["definition"]!["name"]!.GetValue<string>());
        Assert.Equal("second name", (await Server.GetJsonAsync("/api/workflows/versioned/versions/2"))["definition"]!["name"]!.GetValue<string>());
        Assert.Equal([2, 1], (await Server.GetJsonAsync("/api/workflows/versioned/versions")).AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal(1, (await Server.WaitForEndAsync(beforeSecondPublish))["run"]!["workflowVersion"]!.GetValue<int>());
        Assert.Equal(2, (await Server.WaitForEndAsync(onLatest))["run"]!["workflowVersion"]!.GetValue<int>());
        Assert.Equal(1, (await Server.WaitForEndAsync(onFirst))["run"]!["workflowVersion"]!.GetValue<int>());
        var (conflict, _) = await Server.PostAsync("/api/workflows", definition);
        Assert.Equal(409, conflict);
    }

    [Fact]
    public async Task A_definition_without_a_name_is_reported_at_its_path_with_the_other_problems()
    {
        using var content = new StringContent("""{ "id": "Bad Id", "steps": [ { "id": "a", "command": "/bin/true", "dependsOn": ["nope"] } ] }""", System.Text.Encoding.UTF8, "application/json");

        using var response = await Server.Http.PostAsync(new Uri("/api/workflows", UriKind.Relative), content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal(["$.id", "$.name", "$.steps[0].dependsOn[0]"], body["problems"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }
}
