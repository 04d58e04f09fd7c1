using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Cli.Remote;

/// <summary>
/// A workflow server's REST API as the <c>remote</c> commands use it, acting with an API key. Every refusal becomes a
/// <see cref="RemoteRefusedException"/> carrying the server's own explanation (problem details' <c>detail</c> and
/// each problem with its path); a server that does not answer, an <see cref="HttpRequestException"/>.
/// </summary>
internal sealed class RemoteServer : IDisposable
{
    // Per request rather than HttpClient.Timeout: an upload may stream for much longer than a call waits for an answer.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(100);
    private readonly HttpClient _http;

    public RemoteServer(Uri server, string? apiKey)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public async Task<JsonNode> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        JsonNode.Parse(await SendAsync(HttpMethod.Get, path, null, cancellationToken))!;

    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public async Task<JsonNode?> PostAsync(string path, JsonNode body, CancellationToken cancellationToken)
    {
        var text = await SendAsync(HttpMethod.Post, path, body, cancellationToken);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>Posts <paramref name="content"/> as the raw body (streamed, no time limit): a dataset upload.</summary>
    public async Task<JsonNode> UploadAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        using var body = new StreamContent(content, 1 << 20);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return JsonNode.Parse(await SendAsync(HttpMethod.Post, path, body, null, cancellationToken))!;
    }

    private Task<string> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), CallTimeout, cancellationToken);

    private async Task<string> SendAsync(HttpMethod method, string path, HttpContent? content, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } within)
        {
            limit.CancelAfter(within);
        }

        using var response = await _http.SendAsync(request, limit.Token);
        var text = await response.Content.ReadAsStringAsync(limit.Token);
        return response.IsSuccessStatusCode ? text : throw RemoteRefusedException.From((int)response.StatusCode, method, path, text);
    }

    public void Dispose() => _http.Dispose();
}
