using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Datasets.DatasetUploads;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Datasets;

/// <summary>Uploads built to hurt the server (issue #20): each is refused quickly with a 4xx that names what is wrong, and nothing is kept.</summary>
public sealed class HostileUploadTests
{
    [Fact]
    public async Task A_mebibyte_record_is_refused_at_once_naming_the_file_its_line_and_the_limit()
    {
        await using var server = await ApiServer.StartAsync([]);
        var content = Encoding.UTF8.GetBytes("sensor,time,temp\n" + string.Join(',', Enumerable.Repeat("1", 512 * 1024)) + "\n");
        var watch = Stopwatch.StartNew();

        var (status, problem) = await RawAsync(server, content, "name=wide.csv");

        // Before the field limit, profiling this one record held a core for 65 s and more.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal(422, status);
        Assert.Contains("wide.csv:2: a record has more than 10,000 fields", FieldError(problem, "file"), StringComparison.Ordinal);
        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets"))["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Multipart_bodies_that_break_the_format_get_400_saying_what_is_wrong_and_leave_nothing()
    {
        await using var server = await ApiServer.StartAsync([]);
        var csv = await File.ReadAllTextAsync(Path.Combine(SharedData.BundledSample, "PRSA_Data_Aotizhongxin_201303.csv"));
        const string FilePart = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\nContent-Type: text/csv\r\n";

        var unclosedFile = await PostFormAsync(server, "B", FilePart + "\r\n" + csv);
        var unclosedField = await PostFormAsync(server, "B", "--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx.csv");
        var longHeaders = await PostFormAsync(server, "B", FilePart + "X-Padding: " + new string('a', 17 * 1024) + "\r\n\r\n" + csv + "\r\n--B--\r\n");
        var boundary = new string('b', 300);
        var longBoundary = await PostFormAsync(server, boundary, FilePart.Replace("--B", "--" + boundary, StringComparison.Ordinal) + "\r\n" + csv + $"\r\n--{boundary}--\r\n");

        Assert.Equal((400, "the multipart/form-data body ends before its closing boundary (--boundary--)"), unclosedFile);
        Assert.Equal((400, "the multipart/form-data body ends before its closing boundary (--boundary--)"), unclosedField);
        Assert.Equal(400, longHeaders.Status);
        Assert.Contains("header", longHeaders.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((400, "the multipart boundary has 300 characters; at most 70 (RFC 2046)"), longBoundary);
        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets"))["total"]!.GetValue<long>());
        var folder = Path.Combine(server.DataRoot, "datasets");
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : []);
    }

    private static async Task<(int Status, string Detail)> PostFormAsync(ApiClient client, string boundary, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        using var response = await client.Http.PostAsync(new Uri("/api/datasets", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)?["detail"]?.GetValue<string>() ?? text);
    }
}
