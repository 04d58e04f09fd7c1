using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Containers;
using Pipeline.Orchestrator.Tests.DockerRunner;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Secrets;

/// <summary>
/// A secret given to a step by name reaches the step, and nothing else: not the logs (even split over two writes),
/// not the attempt's error, the run, definitions or logs APIs, any file under the data root, the database file, or
/// the server's own console output. The real server program, with the secret in its environment only.
/// </summary>
public sealed class SecretsEndToEndTests
{
    // Prints the token to stdout and stderr, whole and in two writes a moment apart (two pipe reads), says whether it
    // inherited the server's PIPELINE_SECRET_ variables and who it runs as, writes the token's SHA-256, and fails its
    // first attempt with the token in its last error line.
    private const string Script = """
        printf 'stdout: token=%s\n' "$TOKEN"
        printf 'stderr: token=%s\n' "$TOKEN" >&2
        half=$((${#TOKEN} / 2))
        printf 'split: %s' "$(printf '%s' "$TOKEN" | cut -c1-$half)"; sleep 0.3; printf '%s end\n' "$(printf '%s' "$TOKEN" | cut -c$((half + 1))-)"
        printf 'inherited: %s\n' "$(env | grep -c '^PIPELINE_SECRET_')"
        printf 'uid: %s\n' "$(id -u)"
        printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1 > "$PIPELINE_OUTPUT/token.sha256"
        if [ ! -e "$PIPELINE_OUTPUT/failed-once" ]; then
          touch "$PIPELINE_OUTPUT/failed-once"
          echo "error: the service refused token $TOKEN" >&2
          exit 1
        fi
        """;

    private static readonly JsonObject Retry = new() { ["retries"] = 1, ["initialDelaySeconds"] = 0.1 };

    private static string NewSecret() => "tok-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private static JsonObject Env() => new() { ["TOKEN"] = "${{ secrets.api_token }}", ["LEVEL"] = "debug" };

    [Fact]
    public async Task A_secret_reaches_the_process_step_and_appears_nowhere_else_after_a_failure_and_a_retry()
    {
        using var folder = new TempFolder("secrets-e2e");
        var secret = NewSecret();
        var workflows = folder.Sub("workflows", create: true);
        var dataRoot = folder.Sub("data");
        WriteTo(workflows, Workflow("uses-secret", [Step("call", Script, extra: new JsonObject { ["env"] = Env(), ["retry"] = Retry.DeepClone() })]));
        await using var server = await ServerProcess.StartAsync(["--sqlite", folder.Sub("pipeline.db")], dataRoot, workflows, new Dictionary<string, string>
        {
            ["PIPELINE_SECRET_api_token"] = secret,
            ["Logging__LogLevel__Default"] = "Debug",
            ["Engine__PollInterval"] = "00:00:00.1",
        });
        using var api = new ApiClient(server.BaseUrl);

        var runId = await api.TriggerAsync("uses-secret");
        var detail = await api.WaitForEndAsync(runId, TimeSpan.FromSeconds(60), () => server.Output);

        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString() + server.Output);
        Assert.Equal(["failed", "succeeded"], ApiClient.Attempts(detail, "call"));
        var output = ApiClient.Step(detail, "call")["outputFolder"]!.GetValue<string>();
        Assert.Equal(Sha256(secret), (await File.ReadAllTextAsync(Path.Combine(output, "token.sha256"))).Trim());
        var stdout = await api.LogAsync(runId, "call", 1);
        Assert.Contains("stdout: token=***\n", stdout, StringComparison.Ordinal);
        Assert.Contains("split: *** end\n", stdout, StringComparison.Ordinal);
        Assert.Contains("inherited: 0\n", stdout, StringComparison.Ordinal);
        Assert.Equal("exited with code 1: error: the service refused token ***", FirstAttemptError(detail));

        await AssertNowhereAsync(secret, api, runId, "uses-secret", [folder.Path], server.Output);
    }

    [DockerFact]
    public async Task A_secret_reaches_the_container_step_and_appears_nowhere_else()
    {
        var secret = NewSecret();
        await using var server = new ContainerServer(new Dictionary<string, string> { ["PIPELINE_SECRET_api_token"] = secret });
        server.Add(Workflow("uses-secret", [new JsonObject
        {
            ["id"] = "call",
            ["image"] = DockerFactAttribute.TestImage,
            ["args"] = new JsonArray("sh", "-c", Script),
            ["env"] = Env(),
            ["retry"] = Retry.DeepClone(),
        }]));
        await server.StartAsync();

        var runId = await server.Api.TriggerAsync("uses-secret");
        var detail = await server.Api.WaitForEndAsync(runId, TimeSpan.FromSeconds(90), () => server.Output);

        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString() + server.Output);
        Assert.Equal(["failed", "succeeded"], ApiClient.Attempts(detail, "call"));
        var output = ApiClient.Step(detail, "call")["outputFolder"]!.GetValue<string>();
        Assert.Equal(Sha256(secret), (await File.ReadAllTextAsync(Path.Combine(output, "token.sha256"))).Trim());
        var stdout = await server.Api.LogAsync(runId, "call", 2);
        Assert.Contains("split: *** end\n", stdout, StringComparison.Ordinal);
        // The server runs as root here; its step containers never do.
        Assert.DoesNotContain("uid: 0\n", stdout, StringComparison.Ordinal);
        Assert.Equal("exited with code 1: error: the service refused token ***", FirstAttemptError(detail));

        await AssertNowhereAsync(secret, server.Api, runId, "uses-secret", [Path.GetDirectoryName(server.DataRoot)!], server.Output);
    }

    [Fact]
    public async Task A_run_using_a_secret_the_server_does_not_have_is_refused_naming_it_and_where_it_was_looked_for()
    {
        using var secrets = new TempFolder("secrets");
        await using var server = await ApiServer.StartAsync(
            [Workflow("uses-secret", [Step("call", "true", extra: new JsonObject { ["env"] = Env() })])],
            extra: new() { ["Secrets:Directory"] = secrets.Path });

        var (status, body) = await server.PostAsync("/api/workflows/uses-secret/runs");

        Assert.Equal(422, status);
        Assert.Equal("workflow 'uses-secret' uses secrets this server does not have", body!["detail"]!.GetValue<string>());
        var problem = Assert.Single(body["problems"]!.AsArray())!;
        Assert.Equal("$.steps[0].env.TOKEN", problem["path"]!.GetValue<string>());
        Assert.Equal(
            $"secret 'api_token' is not available on this server: there is no file {Path.Combine(secrets.Path, "api_token")} (Secrets:Directory) "
            + "and no environment variable PIPELINE_SECRET_api_token",
            problem["message"]!.GetValue<string>());
        Assert.Empty((await server.GetJsonAsync("/api/runs?workflow=uses-secret"))["runs"]!.AsArray());
    }

    [Fact]
    public async Task A_secret_gone_after_the_run_was_created_fails_the_step_for_good_saying_which()
    {
        using var shared = new TempFolder("secrets");
        var secrets = shared.Sub("secrets", create: true);
        await File.WriteAllTextAsync(Path.Combine(secrets, "api_token"), "value-1\n");
        var database = shared.Sub("pipeline.db");
        var flow = Workflow("uses-secret", [Step("call", "true", extra: new JsonObject { ["env"] = Env(), ["retry"] = Retry.DeepClone() })]);
        string runId;
        await using (var creates = await ApiServer.StartAsync([flow], extra: new() { ["Storage:SqliteFile"] = database, ["Secrets:Directory"] = secrets, ["Engine:RunSteps"] = "false" }))
        {
            runId = await creates.TriggerAsync("uses-secret");
        }

        File.Delete(Path.Combine(secrets, "api_token"));
        await using var runs = await ApiServer.StartAsync([], extra: new() { ["Storage:SqliteFile"] = database, ["Secrets:Directory"] = secrets });
        var detail = await runs.WaitForEndAsync(runId);

        Assert.Equal("failed", ApiClient.RunState(detail));
        Assert.Equal(["failed"], ApiClient.Attempts(detail, "call"));
        Assert.StartsWith("secret 'api_token' is not available on this server", ApiClient.Step(detail, "call")["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static string FirstAttemptError(JsonNode detail) =>
        ApiClient.Step(detail, "call")["attemptHistory"]!.AsArray().Single(a => a!["attempt"]!.GetValue<int>() == 1)!["error"]!.GetValue<string>();

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    /// <summary>The secret is in no API answer about the run or workflow, no file under the folders (data root, database), no console line.</summary>
    private static async Task AssertNowhereAsync(string secret, ApiClient api, string runId, string workflowId, string[] folders, string console)
    {
        var answers = new Dictionary<string, string>();
        foreach (var path in new[]
        {
            $"/api/runs/{runId}", "/api/runs", $"/api/runs?workflow={workflowId}", "/api/workflows", $"/api/workflows/{workflowId}",
            $"/api/workflows/{workflowId}/versions", $"/api/workflows/{workflowId}/versions/1", $"/api/workflows/{workflowId}/draft", "/api/schedules",
        })
        {
            answers[path] = (await api.GetJsonAsync(path)).ToJsonString();
        }

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            foreach (var stream in new[] { "stdout", "stderr" })
            {
                answers[$"logs {attempt} {stream}"] = await api.LogAsync(runId, "call", attempt, stream);
            }
        }

        Assert.Contains("${{ secrets.api_token }}", answers[$"/api/workflows/{workflowId}"], StringComparison.Ordinal);
        Assert.Contains("token=***", answers["logs 1 stderr"], StringComparison.Ordinal);
        foreach (var (what, text) in answers)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"the secret is in {what}: {text}");
        }

        var needle = Encoding.UTF8.GetBytes(secret);
        var files = folders.SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories)).ToList();
        Assert.Contains(files, f => f.EndsWith(".db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".stdout.log", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(bytes.AsSpan().IndexOf(needle) >= 0, $"the secret is in {file}");
        }

        Assert.Contains("attempt", console, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, console, StringComparison.Ordinal);
    }
}
