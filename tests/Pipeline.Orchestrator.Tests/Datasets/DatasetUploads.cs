using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Datasets;

/// <summary>Sends datasets to a server as a client would: multipart forms (fields before the file) or a raw body.</summary>
internal static class DatasetUploads
{
    public static async Task<(int Status, JsonNode? Body)> MultipartAsync(ApiClient client, byte[] content, string fileName, Dictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        using var response = await client.Http.PostAsync(new Uri("/api/datasets", UriKind.Relative), form);
        return await AnswerAsync(response);
    }

    public static async Task<(int Status, JsonNode? Body)> RawAsync(ApiClient client, byte[] content, string query)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.Http.PostAsync(new Uri($"/api/datasets?{query}", UriKind.Relative), body);
        return await AnswerAsync(response);
    }

    /// <summary>The 422's message for <paramref name="field"/>.</summary>
    public static string FieldError(JsonNode? problem, string field) => problem!["errors"]![field]![0]!.GetValue<string>();

    private static async Task<(int, JsonNode?)> AnswerAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
