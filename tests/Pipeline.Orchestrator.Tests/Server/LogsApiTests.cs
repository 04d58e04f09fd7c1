using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// The logs endpoint's pages by byte range (cut at lines, every byte once, never the whole file), its refusals of bad
/// ranges, and its download. The whole log as text and following it live are in <see cref="RunsApiTests"/>.
/// </summary>
public sealed class LogsApiTests(LogsServerFixture fixture) : IClassFixture<LogsServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task Pages_from_the_start_cut_at_lines_and_cover_every_byte_exactly_once()
    {
        var (runId, file) = await BigLogAsync();
        const int limit = 64 * 1024;

        var read = new MemoryStream();
        long offset = 0;
        var pages = 0;
        while (offset < file.Length)
        {
            var page = await PageAsync(runId, $"offset={offset}&limit={limit}");
            AssertWholeLines(page, file, limit, forward: true);
            Assert.Equal(offset, page["offset"]!.GetValue<long>());
            Assert.False(page["writing"]!.GetValue<bool>());
            Assert.Equal(file.Length, page["size"]!.GetValue<long>());
            read.Write(Encoding.UTF8.GetBytes(page["text"]!.GetValue<string>()));
            Assert.True(page["next"]!.GetValue<long>() > offset, $"the page from {offset} is empty: paging would never end");
            offset = page["next"]!.GetValue<long>();
            pages++;
        }

        Assert.Equal(file, read.ToArray());
        Assert.InRange(pages, file.Length / limit, (file.Length / limit) + 10);
        Assert.Equal(string.Empty, (await PageAsync(runId, $"offset={file.Length}"))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pages_back_from_the_tail_cover_every_byte_exactly_once()
    {
        var (runId, file) = await BigLogAsync();
        const int limit = 100_000;

        var pieces = new List<byte[]>();
        var tail = await PageAsync(runId, $"limit={limit}");
        Assert.EndsWith("the end, without a newline", tail["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(file.Length, tail["next"]!.GetValue<long>());
        var page = tail;
        while (true)
        {
            AssertWholeLines(page, file, limit, forward: false);
            pieces.Insert(0, Encoding.UTF8.GetBytes(page["text"]!.GetValue<string>()));
            var start = page["offset"]!.GetValue<long>();
            if (start == 0)
            {
                break;
            }

            page = await PageAsync(runId, $"before={start}&limit={limit}");
            Assert.Equal(start, page["next"]!.GetValue<long>());
            Assert.True(page["offset"]!.GetValue<long>() < start, $"the page before {start} is empty: paging back would never end");
        }

        Assert.Equal(file, pieces.SelectMany(p => p).ToArray());
    }

    [Theory]
    [InlineData("offset=-1", "offset", "not a byte offset")]
    [InlineData("offset=abc", "offset", "'abc' is not a byte offset")]
    [InlineData("offset=999999999", "offset", "999999999 is past the end of the log")]
    [InlineData("before=999999999", "before", "past the end of the log")]
    [InlineData("limit=0", "limit", "give 1 to 4194304 bytes")]
    [InlineData("limit=4194305", "limit", "give 1 to 4194304 bytes")]
    [InlineData("offset=0&before=10", "before", "not both")]
    [InlineData("offset=0&follow=true", "follow", "leave out follow and download")]
    [InlineData("limit=10&download=true", "download", "leave out follow and download")]
    [InlineData("stream=stdin&offset=0", "stream", "'stdin' is not a log")]
    public async Task A_bad_range_is_refused_with_a_problem_naming_the_parameter(string query, string field, string says)
    {
        var (runId, _) = await BigLogAsync();

        using var response = await Server.Http.GetAsync(new Uri($"/api/runs/{runId}/steps/write/attempts/1/logs?{query}", UriKind.Relative));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, Assert.Single(problem["errors"]![field]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith($"{field}: ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_a_missing_attempt_is_a_404()
    {
        var (runId, _) = await BigLogAsync();

        using var response = await Server.Http.GetAsync(new Uri($"/api/runs/{runId}/steps/write/attempts/2/logs?offset=0", UriKind.Relative));

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Download_streams_every_byte_as_an_attachment()
    {
        var (runId, file) = await BigLogAsync();

        using var response = await Server.Http.GetAsync(
            new Uri($"/api/runs/{runId}/steps/write/attempts/1/logs?download=true", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{runId}-write-attempt-1.stdout.log", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(file, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task While_the_step_writes_a_page_leaves_its_unfinished_line_for_later()
    {
        var runId = await Server.TriggerAsync("half-line");
        await Server.WaitForAsync(runId, d => ApiServer.Attempts(d, "write").Count == 1);
        var path = LogPath(runId);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((!File.Exists(path) || new FileInfo(path).Length < "first\npartial".Length) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        var live = await PageAsync(runId, "offset=0");
        var tail = await PageAsync(runId, "limit=1000");
        await Server.WaitForEndAsync(runId);
        var rest = await PageAsync(runId, $"offset={live["next"]}");

        Assert.True(live["writing"]!.GetValue<bool>());
        Assert.Equal("first\n", live["text"]!.GetValue<string>());
        Assert.Equal(6, live["next"]!.GetValue<long>());
        Assert.True(live["size"]!.GetValue<long>() > 6);
        Assert.Equal("first\n", tail["text"]!.GetValue<string>());
        Assert.False(rest["writing"]!.GetValue<bool>());
        Assert.Equal("partial done\n", rest["text"]!.GetValue<string>());
    }

    /// <summary>
    /// A page is whole lines: read forward, it ends after a newline (or at the log's end); read back, it starts after
    /// one (or at the log's start). Only a page inside a single line longer than a page is cut elsewhere, at a character.
    /// </summary>
    private static void AssertWholeLines(JsonNode page, byte[] file, int limit, bool forward)
    {
        var text = page["text"]!.GetValue<string>();
        var (offset, next) = (page["offset"]!.GetValue<long>(), page["next"]!.GetValue<long>());
        Assert.Equal(next - offset, Encoding.UTF8.GetByteCount(text));
        Assert.InRange(next - offset, 0, limit);
        Assert.DoesNotContain("\uFFFD", text, StringComparison.Ordinal);
        var atLineEdge = forward ? next == file.Length || file[next - 1] == '\n' : offset == 0 || file[offset - 1] == '\n';
        // Inside one long line, read back, the page may end with that line's newline.
        var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
        var insideOneLine = firstNewline < 0 || (!forward && firstNewline == text.Length - 1);
        Assert.True(atLineEdge || insideOneLine, $"page {offset}..{next} cuts a line that fits a page");
    }

    private async Task<JsonNode> PageAsync(string runId, string query) =>
        await Server.GetJsonAsync($"/api/runs/{runId}/steps/write/attempts/1/logs?{query}");

    private string LogPath(string runId) => fixture.LogPath(runId);

    private async Task<(string RunId, byte[] File)> BigLogAsync()
    {
        var (runId, file) = await fixture.BigLogAsync();
        Assert.True(file.Length > 3_000_000, $"the log is {file.Length} bytes");
        return (runId, file);
    }
}
