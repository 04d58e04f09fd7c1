using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// JSON bodies with a key given twice (issue #20): a definition's made every definition endpoint answer 500; now it is
/// a problem at the key's path. Every other JSON body takes such a body without a server error.
/// </summary>
public sealed class DuplicateKeyApiTests
{
    private const string Twice = """{"id": "d", "name": "D", "steps": [{"id": "a", "command": "/bin/true", "env": {"MODE": "a", "MODE": "b"}}]}""";

    [Fact]
    public async Task A_definition_with_a_key_given_twice_is_refused_at_the_keys_path_by_create_replace_and_validate()
    {
        await using var server = await ApiServer.StartAsync([]);

        var (created, createProblem) = await SendAsync(server, HttpMethod.Post, "/api/workflows", Twice);
        var (replaced, replaceProblem) = await SendAsync(server, HttpMethod.Put, "/api/workflows/d", Twice);
        var (validated, problems) = await SendAsync(server, HttpMethod.Post, "/api/workflows/validate", Twice);

        Assert.True(created == 422, $"{created} {createProblem}");
        Assert.Equal("$.steps[0].env.MODE", JsonNode.Parse(createProblem)!["problems"]![0]!["path"]!.GetValue<string>());
        Assert.True(replaced == 422, $"{replaced} {replaceProblem}");
        Assert.True(validated == 200, $"{validated} {problems}");
        var problem = Assert.Single(JsonNode.Parse(problems)!.AsArray());
        Assert.Equal("$.steps[0].env.MODE", problem!["path"]!.GetValue<string>());
        Assert.EndsWith("'MODE' is given more than once", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await server.GetJsonAsync("/api/workflows")).AsArray());
    }

    [Fact]
    public async Task Every_other_json_body_with_a_key_given_twice_gets_no_server_error()
    {
        var hook = new JsonArray(new JsonObject { ["type"] = "http", ["path"] = "in/x" });
        await using var server = await ApiServer.StartAsync([Workflow("w", [Step("a", "true")], inputs: new() { ["word"] = "x" }, triggers: hook)]);
        (HttpMethod Method, string Path, string Body)[] requests =
        [
            (HttpMethod.Post, "/api/workflows/w/runs", """{"inputs": {"word": "a", "word": "b"}}"""),
            (HttpMethod.Post, "/api/workflows/w/runs", """{"inputs": {"word": "a"}, "inputs": {"word": "b"}}"""),
            (HttpMethod.Post, "/api/workflows/w/backfill", """{"from": "2024-01-01", "to": "2024-01-02", "to": "2024-01-01", "inputs": {"word": "a", "word": "b"}}"""),
            (HttpMethod.Post, "/api/cron/preview", """{"schedule": "0 * * * *", "schedule": "1 * * * *", "timeZone": "UTC", "timeZone": "Europe/Berlin"}"""),
            (HttpMethod.Post, "/hooks/in/x", """{"word": "a", "word": "b"}"""),
            (HttpMethod.Post, "/api/models/sensor-clusters/predict", """{"rows": [{"a": 1, "a": 2}], "rows": []}"""),
            (HttpMethod.Post, "/api/models/sensor-clusters/predict", """{"readings": {"day": "2024-01-01", "values": [{"timestamp": "2024-01-01T00:00:00", "t": 1, "t": 2}]}}"""),
            (HttpMethod.Post, "/api/models/sensor-clusters/production", """{"version": 1, "version": 2}"""),
            (HttpMethod.Post, "/api/auth/login", """{"user": "a", "user": "b", "password": "x"}"""),
            (HttpMethod.Post, "/api/auth/password", """{"current": "a", "current": "b", "new": "x"}"""),
            (HttpMethod.Post, "/api/users", """{"name": "bob", "name": "rob", "role": "viewer", "password": "a long password"}"""),
            (HttpMethod.Patch, "/api/users/rob", """{"role": "viewer", "role": "editor"}"""),
            (HttpMethod.Post, "/api/keys", """{"name": "k", "name": "k2", "role": "viewer"}"""),
        ];
        foreach (var (method, path, body) in requests)
        {
            var (status, answer) = await SendAsync(server, method, path, body);

            Assert.True(status < 500, $"{method} {path} {body}: {status} {answer}");
        }
    }

    private static async Task<(int Status, string Body)> SendAsync(ApiClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await client.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
