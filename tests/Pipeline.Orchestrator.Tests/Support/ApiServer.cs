using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Pipeline.Orchestrator.Hosting;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>
/// The real workflow server (<see cref="ServerApp"/>) on a loopback port with a temp SQLite file (or the given
/// PostgreSQL database), temp data root and a temp workflows folder, and an <see cref="HttpClient"/> for it.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempFolder _folder;

    private ApiServer(WebApplication app, TempFolder folder, string baseUrl)
    {
        _app = app;
        _folder = folder;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    /// <summary>A folder the test can use for files its steps write.</summary>
    public string Scratch => _folder.Sub("scratch", create: true);

    public string DataRoot => _folder.Sub("data");

    /// <summary>Starts a server publishing <paramref name="workflows"/> from its workflows folder.</summary>
    public static async Task<ApiServer> StartAsync(IEnumerable<JsonObject> workflows, string? postgres = null, Dictionary<string, string?>? extra = null)
    {
        var folder = new TempFolder("orchestrator-api");
        var workflowsFolder = folder.Sub("workflows", create: true);
        foreach (var workflow in workflows)
        {
            ShellWorkflows.WriteTo(workflowsFolder, workflow);
        }

        var baseUrl = $"http://127.0.0.1:{PostgresServer.FreePort()}";
        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = baseUrl,
            ["Storage:SqliteFile"] = folder.Sub("pipeline.db"),
            ["Storage:Database"] = postgres,
            ["Engine:DataRoot"] = folder.Sub("data"),
            ["Engine:PollInterval"] = "00:00:00.100",
            ["Engine:LeaseDuration"] = "00:00:05",
            ["Workflows:Folder"] = workflowsFolder,
        };
        foreach (var (key, value) in extra ?? [])
        {
            overrides[key] = value;
        }

        var app = ServerApp.Build([], overrides);
        await app.StartAsync();
        return new ApiServer(app, folder, baseUrl);
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task<(int Status, JsonNode? Body)> PostAsync(string path, JsonNode? body = null)
    {
        using var content = new StringContent(body?.ToJsonString() ?? "{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Starts a run of the latest version with these inputs and returns its id.</summary>
    public async Task<string> TriggerAsync(string workflowId, Dictionary<string, string>? inputs = null, int? version = null)
    {
        var request = new JsonObject { ["inputs"] = new JsonObject([.. (inputs ?? []).Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value))]) };
        if (version is not null)
        {
            request["version"] = version;
        }

        var (status, body) = await PostAsync($"/api/workflows/{workflowId}/runs", request);
        Assert.True(status == 201, $"trigger {workflowId}: {status} {body?.ToJsonString()}");
        return body!["id"]!.GetValue<string>();
    }

    public Task<JsonNode> RunAsync(string runId) => GetJsonAsync($"/api/runs/{runId}");

    /// <summary>Polls the run's detail until <paramref name="until"/> holds; fails with the last detail otherwise.</summary>
    public async Task<JsonNode> WaitForAsync(string runId, Func<JsonNode, bool> until, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        JsonNode detail;
        do
        {
            detail = await RunAsync(runId);
            if (until(detail))
            {
                return detail;
            }

            await Task.Delay(50);
        }
        while (watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)));

        Assert.Fail($"run {runId} did not get there in time: {detail.ToJsonString()}");
        return detail;
    }

    /// <summary>Waits for the run to end (succeeded, failed or cancelled) and returns its detail.</summary>
    public Task<JsonNode> WaitForEndAsync(string runId, TimeSpan? timeout = null) =>
        WaitForAsync(runId, d => RunState(d) is "succeeded" or "failed" or "cancelled", timeout);

    public static string RunState(JsonNode detail) => detail["run"]!["state"]!.GetValue<string>();

    public static JsonNode Step(JsonNode detail, string stepId) =>
        detail["steps"]!.AsArray().Single(s => s!["stepId"]!.GetValue<string>() == stepId)!;

    public static string StepState(JsonNode detail, string stepId) => Step(detail, stepId)["state"]!.GetValue<string>();

    /// <summary>The state of each attempt of the step, first attempt first.</summary>
    public static List<string> Attempts(JsonNode detail, string stepId) =>
        [.. Step(detail, stepId)["attemptHistory"]!.AsArray().OrderBy(a => a!["attempt"]!.GetValue<int>()).Select(a => a!["state"]!.GetValue<string>())];

    /// <summary>The exit code of each attempt of the step ("-" for none), first attempt first.</summary>
    public static List<string> ExitCodes(JsonNode detail, string stepId) =>
        [.. Step(detail, stepId)["attemptHistory"]!.AsArray().OrderBy(a => a!["attempt"]!.GetValue<int>())
            .Select(a => a!["exitCode"] is { } code ? code.GetValue<int>().ToString(CultureInfo.InvariantCulture) : "-")];

    public async Task<string> LogAsync(string runId, string stepId, int attempt, string stream = "stdout")
    {
        using var response = await Http.GetAsync(new Uri($"/api/runs/{runId}/steps/{stepId}/attempts/{attempt}/logs?stream={stream}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"logs: {(int)response.StatusCode} {text}");
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
