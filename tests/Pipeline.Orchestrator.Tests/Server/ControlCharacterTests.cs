using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Datasets;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// NUL and other control characters on PostgreSQL (issue #20), whose text cannot hold NUL: a filter such as
/// <c>/api/runs?workflow=a%00b</c> or a key's name reached the database and came back as a 503, and a NUL in a
/// definition or an input value was stored, for a step that could never take it as an argument. Each is a 422 naming
/// where, and the server stays ready.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class ControlCharacterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Path_and_query_values_with_a_control_character_get_422_naming_where()
    {
        await using var server = await StartAsync();
        (string Path, string Field)[] requests =
        [
            ("/api/runs?workflow=a%00b", "query.workflow"),
            ("/api/runs?before=a%00b", "query.before"),
            ("/api/runs?workflow=a%01b", "query.workflow"),
            ("/api/runs?workflow=w%0A", "query.workflow"),
            ("/api/datasets?limit=5&x%00=1", "query"),
            ("/api/models/sensor-clusters/experiments?runId=r%00", "query.runId"),
            ("/api/workflows/w%01", "path"),
            ("/api/users/bob%0A", "path"),
        ];
        foreach (var (path, field) in requests)
        {
            using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode == 422, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Contains("holds a control character", JsonNode.Parse(body)!["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var (hook, hookProblem) = await server.PostAsync("/hooks/in/x?word=a%00b");
        Assert.True(hook == 422, $"{hook} {hookProblem?.ToJsonString()}");
        Assert.NotNull(hookProblem!["errors"]!["query.word"]);
        Assert.Equal(200, (int)(await server.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_nul_in_a_json_body_gets_422_at_its_path_and_nothing_is_stored()
    {
        await using var server = await StartAsync();

        var (run, runProblem) = await SendAsync(server, "/api/workflows/w/runs", """{"inputs": {"word": "a\u0000b"}}""");
        var (unknown, unknownProblem) = await SendAsync(server, "/api/workflows/w/runs", """{"inputs": {"wo\u0000rd": "a"}}""");
        var (hook, hookProblem) = await SendAsync(server, "/hooks/in/x", """{"word": "a\u0000b"}""");
        var (backfill, backfillProblem) = await SendAsync(server, "/api/workflows/w/backfill", """{"from": "2024-01-01", "to": "2024-01-01", "inputs": {"word": "\u0000"}}""");
        var (id, idProblem) = await SendAsync(server, "/api/workflows", """{"id": "d\u0000", "name": "D", "steps": [{"id": "a", "command": "/bin/true"}]}""");
        var (text, textProblem) = await SendAsync(server, "/api/workflows", """{"id": "d", "name": "D", "description": "x\u0000", "steps": [{"id": "a", "command": "/bin/true", "args": ["\u0000"]}]}""");
        var (key, keyProblem) = await SendAsync(server, "/api/keys", """{"name": "ci\u0000", "role": "viewer"}""");
        var (user, userProblem) = await SendAsync(server, "/api/users", """{"name": "bo\u0000b", "role": "viewer", "password": "a long password"}""");
        var sample = await File.ReadAllBytesAsync(Path.Combine(SharedData.BundledSample, "PRSA_Data_Aotizhongxin_201303.csv"));
        var (dataset, datasetProblem) = await DatasetUploads.MultipartAsync(server, sample, "x.csv", new() { ["name"] = "x\u0000.csv" });

        Assert.Equal("422 $.inputs.word", Refusal(run, runProblem));
        Assert.Contains("NUL character", runProblem, StringComparison.Ordinal);
        Assert.Equal("422 $.inputs['wo\u0000rd']", Refusal(unknown, unknownProblem));
        Assert.Equal("422 $.inputs.word", Refusal(hook, hookProblem));
        Assert.Equal("422 $.inputs.word", Refusal(backfill, backfillProblem));
        Assert.Equal("422 $.id", Refusal(id, idProblem));
        Assert.Equal("422 $.description $.steps[0].args[0]", Refusal(text, textProblem));
        Assert.Equal(422, key);
        Assert.Contains("holds a control character (U+0000)", JsonNode.Parse(keyProblem)!["errors"]!["name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(422, user);
        Assert.NotNull(JsonNode.Parse(userProblem)!["errors"]!["name"]);
        Assert.Equal(422, dataset);
        Assert.NotNull(datasetProblem!["errors"]!["name"]);

        Assert.Empty((await server.GetJsonAsync("/api/runs"))["runs"]!.AsArray());
        Assert.Equal(["w"], (await server.GetJsonAsync("/api/workflows")).AsArray().Select(w => w!["id"]!.GetValue<string>()));
        Assert.DoesNotContain((await server.GetJsonAsync("/api/keys")).AsArray(), k => k!["name"]!.GetValue<string>().StartsWith("ci", StringComparison.Ordinal));
        Assert.Equal(200, (int)(await server.Http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    private async Task<ApiServer> StartAsync() =>
        await ApiServer.StartAsync([Workflow("w", [Step("a", "true")], inputs: new() { ["word"] = "x" }, triggers: [new JsonObject { ["type"] = "http", ["path"] = "in/x" }])], await postgres.Server.CreateDatabaseAsync(CancellationToken.None));

    private static async Task<(int Status, string Body)> SendAsync(ApiClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.Http.PostAsync(new Uri(path, UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The status and the paths of the problems, or the body when it has none.</summary>
    private static string Refusal(int status, string body) =>
        JsonNode.Parse(body)?["problems"] is JsonArray problems
            ? $"{status} {string.Join(' ', problems.Select(p => p!["path"]!.GetValue<string>()))}"
            : $"{status} {body}";
}
