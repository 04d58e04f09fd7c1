using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Http;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Datasets: CSV uploaded (multipart <c>file</c>, or the raw body with <c>?name=</c>) or fetched by URL into the
/// data root, profiled, and recorded; their arrival fires the workflows' dataset triggers. Content already received
/// is refused with 409 and a reference to the dataset that has it.
/// </summary>
internal static class DatasetsApi
{
    private const int MaxPageSize = 500;

    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/datasets").WithTags("Datasets");
        group.MapGet("/", List).WithSummary("Received datasets, newest first (limit, offset)");
        group.MapGet("/{id}", Get).WithSummary("A dataset: its file, hash, detected schema, row counts, bad rows and the runs it started");
        group.MapGet("/{id}/file", Download).WithSummary("A dataset's file as received");
        // No Accepts metadata: routing would refuse other content types with 415, and a raw body may come as anything.
        // An upload starts the workflows its dataset triggers: it takes one of the caller's trigger tokens, as a run does.
        group.MapPost("/", UploadAsync).RequireAuthorization(AuthPolicies.Operator).LimitTriggers()
            .WithSummary("Upload a CSV (multipart field 'file', after any 'name', 'timeZone', 'trigger' fields; or the raw body with ?name=)");
        group.MapPost("/from-url", FromUrlAsync).RequireAuthorization(AuthPolicies.Operator).LimitTriggers()
            .WithSummary("Fetch the CSV at a URL and keep it as a dataset");
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(AuthPolicies.Editor).WithSummary("Remove a dataset's record and file");
        return group;
    }

    private static async Task<Results<Ok<DatasetListView>, ValidationProblem>> List(IDatasetStore datasets, CancellationToken cancellationToken, int limit = 50, int offset = 0)
    {
        if (limit is < 1 or > MaxPageSize || offset < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [limit is < 1 or > MaxPageSize ? "limit" : "offset"] = [$"limit is 1 to {MaxPageSize}, offset at least 0"] });
        }

        var (page, total) = await datasets.ListAsync(limit, offset, cancellationToken);
        return TypedResults.Ok(new DatasetListView([.. page.Select(d => DatasetView.Of(d, null))], total));
    }

    private static async Task<Results<Ok<DatasetView>, ProblemHttpResult>> Get(string id, IDatasetStore datasets, IRunStore runs, CancellationToken cancellationToken)
    {
        if (await datasets.GetAsync(id, cancellationToken) is not { } dataset)
        {
            return ApiProblems.NotFound($"no dataset '{id}'");
        }

        var view = DatasetView.Of(dataset, await datasets.RunsAsync(id, cancellationToken));
        var outcomes = new List<DatasetRunView>();
        foreach (var started in view.Runs!)
        {
            outcomes.Add(await WithOutcomeAsync(started, runs, cancellationToken));
        }

        return TypedResults.Ok(view with { Runs = outcomes });
    }

    /// <summary>A started run with its state, and when it failed the errors of its failed steps (the first three).</summary>
    private static async Task<DatasetRunView> WithOutcomeAsync(DatasetRunView started, IRunStore runs, CancellationToken cancellationToken)
    {
        if (started.RunId is null || await runs.GetRunAsync(started.RunId, cancellationToken) is not { } run)
        {
            return started;
        }

        string? failure = null;
        if (run.State == RunState.Failed)
        {
            var failed = (await runs.GetStepRunsAsync(run.Id, cancellationToken))
                .Where(s => s.State == StepState.Failed && s.Error is not null)
                .Select(s => $"step '{s.StepId}' {s.Error}")
                .Take(3)
                .ToList();
            failure = failed.Count > 0 ? string.Join("; ", failed) : run.Error;
        }

        return started with { State = StateNames.Of(run.State), Failure = failure };
    }

    private static async Task<IResult> Download(string id, IDatasetStore datasets, CancellationToken cancellationToken)
    {
        if (await datasets.GetAsync(id, cancellationToken) is not { } dataset)
        {
            return ApiProblems.NotFound($"no dataset '{id}'");
        }

        return File.Exists(dataset.Path)
            ? TypedResults.PhysicalFile(dataset.Path, "application/octet-stream", dataset.Name, enableRangeProcessing: true)
            : TypedResults.Problem($"dataset '{id}': its file {dataset.Path} is missing", statusCode: StatusCodes.Status500InternalServerError, title: "Dataset file missing");
    }

    private static async Task<IResult> UploadAsync(HttpContext context, ClaimsPrincipal user, DatasetReceiver receiver, DatasetsOptions options, CancellationToken cancellationToken)
    {
        // The server's 1 MiB body limit is for JSON; a dataset may be as large as Datasets:MaxBytes (plus the form's framing).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxBytes + (1 << 20);
        }

        var fields = DatasetFields.FromQuery(context.Request.Query);
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await ReceiveAsync(context.Request.Body, fields, null, user, receiver, cancellationToken);
        }

        var form = await DatasetForm.ReadUntilFileAsync(context.Request.Body, type, fields, cancellationToken);
        return form.Problem ?? await ReceiveAsync(form.File!, form.Fields, form.FileName, user, receiver, cancellationToken);
    }

    private static async Task<IResult> FromUrlAsync(
        DatasetUrlRequest request, ClaimsPrincipal user, DatasetReceiver receiver, DatasetDownloader downloader, DatasetsOptions options, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return ApiProblems.InvalidField("url", "an absolute http or https URL is required");
        }

        var fields = new DatasetFields(request.Name, request.TimeZone, request.Trigger?.ToString());
        var suggested = DatasetNames.Suggest(url.AbsolutePath);
        if (fields.Problem(suggested) is { } problem)
        {
            return problem;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.EffectiveDownloadTimeout);
        try
        {
            using var response = await downloader.GetAsync(url, limit.Token);
            if (response.Content.Headers.ContentLength is { } length && length > receiver.MaxBytes)
            {
                return TooLarge(receiver.MaxBytes);
            }

            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            return Answer(await receiver.ReceiveAsync(body, fields.Arrival(suggested, user, url.ToString()), limit.Token));
        }
        catch (DatasetDownloadException e) when (e.Refused)
        {
            return ApiProblems.InvalidField("url", e.Message);
        }
        catch (DatasetDownloadException e)
        {
            return NotFetched(e.Message);
        }
        catch (HttpIOException e)
        {
            return NotFetched($"{url}: the download broke off: {e.Message}");
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return NotFetched($"{url}: not fetched and read within {options.EffectiveDownloadTimeout.TotalSeconds:0.#} s ({options.DownloadTimeoutSetting}); nothing was kept");
        }
    }

    private static ProblemHttpResult NotFetched(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "Dataset URL not fetched");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IDatasetStore datasets, DatasetReceiver receiver, CancellationToken cancellationToken)
    {
        if (await datasets.DeleteAsync(id, cancellationToken) is not { } removed)
        {
            return ApiProblems.NotFound($"no dataset '{id}'");
        }

        receiver.DeleteFiles(removed);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ReceiveAsync(Stream body, DatasetFields fields, string? fileName, ClaimsPrincipal user, DatasetReceiver receiver, CancellationToken cancellationToken)
    {
        var suggested = DatasetNames.Suggest(fileName);
        if (fields.Problem(suggested) is { } problem)
        {
            return problem;
        }

        try
        {
            return Answer(await receiver.ReceiveAsync(body, fields.Arrival(suggested, user, null), cancellationToken));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(receiver.MaxBytes);
        }
        catch (MalformedMultipartException e)
        {
            return MultipartProblems.Answer(e.Message);
        }
    }

    private static IResult Answer(DatasetIntake intake) => intake switch
    {
        DatasetIntake.Stored stored => TypedResults.Created($"/api/datasets/{stored.Dataset.Id}", DatasetView.Of(stored.Dataset, stored.Runs)),
        DatasetIntake.Duplicate duplicate => TypedResults.Problem(
            $"this content was received before, as dataset '{duplicate.Existing.Id}' ({duplicate.Existing.Name}, {duplicate.Existing.CreatedAt:yyyy-MM-dd HH:mm:ss}Z)",
            statusCode: StatusCodes.Status409Conflict,
            title: "Dataset already received",
            extensions: new Dictionary<string, object?> { ["existing"] = $"/api/datasets/{duplicate.Existing.Id}", ["existingId"] = duplicate.Existing.Id }),
        DatasetIntake.TooLarge tooLarge => TooLarge(tooLarge.MaxBytes),
        DatasetIntake.Unreadable unreadable => ApiProblems.InvalidField("file", unreadable.Reason),
        _ => throw new InvalidOperationException($"unknown intake {intake}"),
    };

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem($"a dataset may be at most {maxBytes:N0} bytes (Datasets:MaxBytes); nothing was kept", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Dataset too large");
}
