using System.Security.Claims;
using System.Text.Json;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.Http;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// HTTP endpoints declared by workflows (<c>"type": "http", "path": "ingest/daily"</c> → <c>POST /hooks/ingest/daily</c>):
/// the JSON body's string, number and boolean properties and the query string become run inputs. With
/// <c>wait</c>, the caller gets the ended run (or 202 if it is still running after the wait limit).
/// </summary>
internal static class HooksApi
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(5);

    public static RouteHandlerBuilder MapHooksApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/hooks/{**path}", HandleAsync).WithTags("Triggers").WithSummary("Start a run of the workflow whose HTTP trigger has this path").LimitTriggers().RequireAuthorization(Auth.AuthPolicies.Operator);

    private static async Task<IResult> HandleAsync(string path, HttpRequest request, ClaimsPrincipal user, ScheduleCatalog catalog, RunLauncher launcher, RunWatcher watcher, CancellationToken cancellationToken)
    {
        if (await catalog.HttpTriggerAsync(path, cancellationToken) is not var (definition, trigger))
        {
            return ApiProblems.NotFound($"no published workflow has an HTTP trigger at /hooks/{path}");
        }

        var inputs = new Dictionary<string, string>(trigger.Inputs, StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            inputs[name] = value.ToString();
        }

        if (request.ContentLength is > 0 || request.HasJsonContentType())
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                var (values, problems) = ApiInputs.FromJson(body.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)));
                if (problems.Count > 0)
                {
                    return ApiProblems.Invalid("the body's inputs must be strings, numbers or booleans", problems);
                }

                foreach (var (name, value) in values)
                {
                    inputs[name] = value;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return TypedResults.Problem($"the body must be a JSON object of inputs: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        RunRecord run;
        try
        {
            run = (await launcher.LaunchAsync(new LaunchRequest { WorkflowId = definition.Id, Inputs = inputs, TriggeredBy = "http", StartedBy = user.UserName() }, cancellationToken))!;
        }
        catch (LaunchRefusedException e)
        {
            return ApiProblems.Refused(e);
        }

        if (!trigger.Wait)
        {
            return TypedResults.Accepted($"/api/runs/{run.Id}", RunView.Of(run));
        }

        var ended = await watcher.WaitAsync(run.Id, WaitLimit, null, cancellationToken) ?? run;
        return ended.State.IsFinal() ? TypedResults.Ok(RunView.Of(ended)) : TypedResults.Accepted($"/api/runs/{run.Id}", RunView.Of(ended));
    }
}
