using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>The server's REST API as tests use it: trigger a run, poll it to an end, read its attempts and logs.</summary>
public class ApiClient : IDisposable
{
    /// <summary>A client that acts with <paramref name="apiKey"/> (default: the test servers' admin key; null: anonymous).</summary>
    public ApiClient(string baseUrl, string? apiKey = "")
    {
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        apiKey = apiKey == "" ? TestAuth.AdminKey : apiKey;
        if (apiKey is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public HttpClient Http { get; }

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

    /// <summary>Any request, with a JSON body when given: the status and the body's text.</summary>
    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
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

    /// <summary>
    /// Polls the run's detail until <paramref name="until"/> holds; fails with the last detail otherwise, and with
    /// <paramref name="context"/> (e.g. what a server process printed).
    /// </summary>
    public async Task<JsonNode> WaitForAsync(string runId, Func<JsonNode, bool> until, TimeSpan? timeout = null, Func<string>? context = null)
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

        Assert.Fail($"run {runId} did not get there in time: {detail.ToJsonString()}\n{context?.Invoke()}");
        return detail;
    }

    /// <summary>Waits for the run to end (succeeded, failed or cancelled) and returns its detail.</summary>
    public Task<JsonNode> WaitForEndAsync(string runId, TimeSpan? timeout = null, Func<string>? context = null) =>
        WaitForAsync(runId, d => RunState(d) is "succeeded" or "failed" or "cancelled", timeout, context);

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

    public void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }
}
