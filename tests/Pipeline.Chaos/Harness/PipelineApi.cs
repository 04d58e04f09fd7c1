using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Chaos.Harness;

/// <summary>The part of one server's REST API the suite uses, as the admin whose key every server is started with.</summary>
internal sealed class PipelineApi : IDisposable
{
    private readonly HttpClient _http;

    public PipelineApi(string baseUrl, string apiKey, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = timeout };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary><c>POST /api/workflows/{id}/runs</c>: the run id when acknowledged (201), else why not.</summary>
    public async Task<(string? RunId, string Outcome)> TriggerAsync(string workflowId, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent("{\"inputs\":{}}", Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(new Uri($"/api/workflows/{workflowId}/runs", UriKind.Relative), content, cancellationToken);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return (null, status);
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return (body?["id"]?.GetValue<string>(), status);
        }
        catch (HttpRequestException)
        {
            return (null, "no connection");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The run may exist all the same: the database is asked whether it does (phantom runs).
            return (null, "no answer");
        }
    }

    /// <summary>A GET: the status (0 when the server did not answer) and the JSON body of a success.</summary>
    public async Task<(int Status, JsonNode? Body)> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode
                ? ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)))
                : ((int)response.StatusCode, null);
        }
        catch (HttpRequestException)
        {
            return (0, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null);
        }
    }

    public void Dispose() => _http.Dispose();
}
