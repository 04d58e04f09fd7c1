using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// An attempt's stdout or stderr: a page of it by byte range (JSON), or the whole of it as text, followed live until
/// the attempt ends or downloaded as a file.
/// </summary>
internal static partial class LogsApi
{
    public static RouteHandlerBuilder MapLogsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/runs/{runId}/steps/{stepId}/attempts/{attempt:int}/logs", GetAsync)
            .WithTags("Runs")
            .WithSummary("An attempt's log: stream=stdout (default) or stderr; follow=true streams until the attempt ends")
            .WithDescription(
                "With offset, before or limit: a page as JSON (LogPageView), whole lines of at most limit bytes (default 262144, "
                + "at most 4194304) from offset on, ending at before, or (neither) the tail; ask again from next for the rest. "
                + "Without them: the whole log as text/plain. download=true: the whole log as a file (Content-Disposition: attachment).")
            // One 200 per endpoint in the document: the page's JSON, the typed one; the text modes are in the description.
            .Produces<LogPageView>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task GetAsync(
        HttpContext http, string runId, string stepId, int attempt, string? stream, bool? follow, bool? download, string? offset, string? before, string? limit, LogFollower logs)
    {
        var key = new AttemptKey(runId, stepId, attempt);
        if (stream is not (null or "stdout" or "stderr"))
        {
            await BadRequest("stream", $"'{stream}' is not a log: give stdout or stderr").ExecuteAsync(http);
            return;
        }

        var stderr = stream == "stderr";
        if (!LogRangeQuery.Asked(offset, before, limit))
        {
            await CopyAsync(http, logs, key, stderr, follow == true, download == true);
            return;
        }

        if (follow == true || download == true)
        {
            await BadRequest(follow == true ? "follow" : "download", "a page (offset, before, limit) is read once and never whole: leave out follow and download, or the page's parameters")
                .ExecuteAsync(http);
            return;
        }

        var (range, field, problem) = LogRangeQuery.Parse(offset, before, limit);
        if (range is null)
        {
            await BadRequest(field!, problem!).ExecuteAsync(http);
            return;
        }

        await PageAsync(http, logs, key, stderr, range);
    }

    private static async Task PageAsync(HttpContext http, LogFollower logs, AttemptKey key, bool stderr, LogRangeQuery range)
    {
        // Whether it still writes is read before the file, so a page read as the attempt ends still has its last line.
        if (await logs.IsWritingAsync(key, http.RequestAborted) is not { } writing)
        {
            await ApiProblems.NotFound($"no attempt {key}").ExecuteAsync(http);
            return;
        }

        var path = logs.PathOf(key, stderr);
        if (range.Outside(LogPageReader.SizeOf(path)) is (string field, string problem))
        {
            await BadRequest(field, problem).ExecuteAsync(http);
            return;
        }

        var page = range.Offset is { } from
            ? await LogPageReader.ReadFromAsync(path, from, range.Limit, writing, http.RequestAborted)
            : await LogPageReader.ReadBeforeAsync(path, range.Before, range.Limit, writing, http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        await TypedResults.Ok(new LogPageView(page.Offset, page.Next, page.Size, writing, page.Text)).ExecuteAsync(http);
    }

    private static async Task CopyAsync(HttpContext http, LogFollower logs, AttemptKey key, bool stderr, bool follow, bool download)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        if (download)
        {
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = FileName(key, stderr) }.ToString();
        }

        // CopyAsync checks that the attempt exists before it writes a byte, so a missing one can still be a 404.
        if (!await logs.CopyAsync(key, stderr, follow, http.Response.Body, http.RequestAborted))
        {
            http.Response.ContentType = null;
            http.Response.Headers.ContentDisposition = default;
            await ApiProblems.NotFound($"no attempt {key}").ExecuteAsync(http);
        }
    }

    /// <summary><c>{run}-{step}-attempt-{n}.stdout.log</c>, with anything but letters, digits, dot, dash and underscore made a dash.</summary>
    private static string FileName(AttemptKey key, bool stderr) =>
        UnsafeInFileName().Replace($"{key.RunId}-{key.StepId}-attempt-{key.Attempt}.{(stderr ? "stderr" : "stdout")}.log", "-");

    private static IResult BadRequest(string field, string problem) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [problem] }, detail: $"{field}: {problem}", statusCode: StatusCodes.Status400BadRequest, title: "Bad log request");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeInFileName();
}
