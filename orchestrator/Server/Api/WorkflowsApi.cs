using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Serialization;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Scheduling;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Api;

/// <summary>Workflow definitions: list, get, create and edit drafts, validate, publish, versions.</summary>
internal static class WorkflowsApi
{
    public static RouteGroupBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows");
        group.MapGet("/", ListAsync).WithSummary("Every workflow, with its latest version and whether it has a draft");
        group.MapGet("/{workflowId}", GetAsync).WithSummary("The latest published version of a workflow");
        group.MapGet("/{workflowId}/draft", GetDraftAsync).WithSummary("A workflow's draft definition");
        // Definitions are at most DefinitionLimits.MaxJsonBytes, whatever the server's general body limit is.
        var definitionSize = new RequestSizeLimitAttribute(DefinitionLimits.MaxJsonBytes);
        group.MapPost("/", CreateAsync).Accepts<JsonElement>("application/json").WithMetadata(definitionSize).WithSummary("Create a workflow's draft (publish=true also publishes it)").RequireAuthorization(Auth.AuthPolicies.Editor);
        group.MapPut("/{workflowId}", UpdateAsync).Accepts<JsonElement>("application/json").WithMetadata(definitionSize).WithSummary("Replace a workflow's draft (publish=true also publishes it)").RequireAuthorization(Auth.AuthPolicies.Editor);
        group.MapPost("/validate", ValidateAsync).Accepts<JsonElement>("application/json").WithMetadata(definitionSize).WithSummary("Every problem of a definition, with its path");
        group.MapPost("/{workflowId}/publish", PublishAsync).WithSummary("Publish the draft as the next immutable version").RequireAuthorization(Auth.AuthPolicies.Editor);
        group.MapGet("/{workflowId}/versions", VersionsAsync).WithSummary("The published versions, newest first");
        group.MapGet("/{workflowId}/versions/{version:int}", VersionAsync).WithSummary("One published version");
        return group;
    }

    private static async Task<Ok<List<WorkflowSummary>>> ListAsync(
        IWorkflowStore workflows, IRunStore runs, ScheduleCatalog schedules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nextDue = (await schedules.CronTriggersAsync(cancellationToken))
            .Select(t => (t.WorkflowId, Next: t.NextAfter(now)))
            .Where(t => t.Next is not null)
            .GroupBy(t => t.WorkflowId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Min(t => t.Next), StringComparer.Ordinal);
        var list = new List<WorkflowSummary>();
        foreach (var w in await workflows.ListAsync(cancellationToken))
        {
            var latest = w.LatestVersion is null ? null : await workflows.GetVersionAsync(w.Id, null, cancellationToken);
            var (name, description) = Describe(latest?.DefinitionJson ?? w.DraftJson);
            var lastRuns = (await runs.ListRunsAsync(new RunQuery { WorkflowId = w.Id, Limit = 1 }, cancellationToken)).Runs;
            var lastRun = lastRuns.Count > 0 ? lastRuns[0] : null;
            list.Add(new WorkflowSummary(
                w.Id, name, w.LatestVersion, w.DraftJson is not null, w.DraftUpdatedAt,
                description, lastRun is null ? null : RunBrief.Of(lastRun.Run), nextDue.GetValueOrDefault(w.Id)));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<WorkflowVersionView>, ProblemHttpResult>> GetAsync(string workflowId, IWorkflowStore workflows, CancellationToken cancellationToken) =>
        await workflows.GetVersionAsync(workflowId, null, cancellationToken) is { } v
            ? TypedResults.Ok(View(v))
            : ApiProblems.NotFound($"workflow '{workflowId}' has no published version");

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDraftAsync(string workflowId, IWorkflowStore workflows, CancellationToken cancellationToken) =>
        await workflows.GetAsync(workflowId, cancellationToken) is { DraftJson: { } draft }
            ? TypedResults.Content(draft, "application/json")
            : ApiProblems.NotFound($"workflow '{workflowId}' has no draft");

    private static async Task<Results<Created<WorkflowSummary>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, bool? publish, IWorkflowStore workflows, ExecutionPolicy policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var json = await ReadBodyAsync(request, cancellationToken);
        var (definition, problems) = await ReadAndCheckAsync(json, policy, cancellationToken);
        if (definition is null || problems.Count > 0)
        {
            return ApiProblems.Invalid("the workflow definition is not valid", problems);
        }

        if (await workflows.GetAsync(definition.Id, cancellationToken) is not null)
        {
            return ApiProblems.Conflict($"workflow '{definition.Id}' exists; PUT /api/workflows/{definition.Id} replaces its draft");
        }

        var summary = await SaveAsync(definition, json, publish == true, workflows, clock, cancellationToken);
        return TypedResults.Created($"/api/workflows/{definition.Id}", summary);
    }

    private static async Task<Results<Ok<WorkflowSummary>, ProblemHttpResult>> UpdateAsync(
        string workflowId, HttpRequest request, bool? publish, IWorkflowStore workflows, ExecutionPolicy policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var json = await ReadBodyAsync(request, cancellationToken);
        var (definition, problems) = await ReadAndCheckAsync(json, policy, cancellationToken);
        if (definition is null || problems.Count > 0)
        {
            return ApiProblems.Invalid("the workflow definition is not valid", problems);
        }

        if (definition.Id != workflowId)
        {
            return ApiProblems.Invalid("the definition's id differs from the URL's", [new DefinitionProblem("$.id", $"expected '{workflowId}'")]);
        }

        return TypedResults.Ok(await SaveAsync(definition, json, publish == true, workflows, clock, cancellationToken));
    }

    private static async Task<Ok<List<DefinitionProblem>>> ValidateAsync(HttpRequest request, ExecutionPolicy policy, CancellationToken cancellationToken)
    {
        var (_, problems) = await ReadAndCheckAsync(await ReadBodyAsync(request, cancellationToken), policy, cancellationToken);
        return TypedResults.Ok(problems.ToList());
    }

    private static async Task<Results<Ok<WorkflowVersionView>, ProblemHttpResult>> PublishAsync(
        string workflowId, IWorkflowStore workflows, ExecutionPolicy policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The draft was checked when it was saved; the server's settings may have changed since.
        if (await workflows.GetAsync(workflowId, cancellationToken) is { DraftJson: { } draft }
            && await ReadAndCheckAsync(draft, policy, cancellationToken) is { Problems.Count: > 0 } refused)
        {
            return ApiProblems.Invalid("the workflow definition is not valid", refused.Problems);
        }

        return await workflows.PublishAsync(workflowId, clock.GetUtcNow(), cancellationToken) is { } v
            ? TypedResults.Ok(View(v))
            : ApiProblems.NotFound($"workflow '{workflowId}' has no draft to publish");
    }

    /// <summary>Every problem: the definition's own, then what this server's settings do not run (<see cref="ExecutionPolicy"/>).</summary>
    private static async Task<DefinitionReadResult> ReadAndCheckAsync(string json, ExecutionPolicy policy, CancellationToken cancellationToken)
    {
        var read = WorkflowDefinitionReader.ReadAndValidate(json);
        return read.Definition is null ? read : read with { Problems = [.. read.Problems, .. await policy.CheckAsync(read.Definition, cancellationToken)] };
    }

    private static async Task<Ok<List<WorkflowVersionView>>> VersionsAsync(string workflowId, IWorkflowStore workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok((await workflows.ListVersionsAsync(workflowId, cancellationToken)).Select(View).ToList());

    private static async Task<Results<Ok<WorkflowVersionView>, ProblemHttpResult>> VersionAsync(
        string workflowId, int version, IWorkflowStore workflows, CancellationToken cancellationToken) =>
        await workflows.GetVersionAsync(workflowId, version, cancellationToken) is { } v
            ? TypedResults.Ok(View(v))
            : ApiProblems.NotFound($"workflow '{workflowId}' has no version {version}");

    private static async Task<WorkflowSummary> SaveAsync(
        WorkflowDefinition definition, string json, bool publish, IWorkflowStore workflows, TimeProvider clock, CancellationToken cancellationToken)
    {
        await workflows.SaveDraftAsync(definition.Id, json, clock.GetUtcNow(), cancellationToken);
        var version = publish ? await workflows.PublishAsync(definition.Id, clock.GetUtcNow(), cancellationToken) : null;
        var record = await workflows.GetAsync(definition.Id, cancellationToken);
        return new WorkflowSummary(definition.Id, definition.Name, version?.Version ?? record?.LatestVersion, true, record?.DraftUpdatedAt);
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static WorkflowVersionView View(WorkflowVersionRecord v)
    {
        using var document = JsonDocument.Parse(v.DefinitionJson);
        return new WorkflowVersionView(v.WorkflowId, v.Version, v.Checksum, v.PublishedAt, document.RootElement.Clone());
    }

    private static (string? Name, string? Description) Describe(string? json)
    {
        if (json is null)
        {
            return (null, null);
        }

        using var document = JsonDocument.Parse(json);
        return (JsonText.Of(document.RootElement, "name"), JsonText.Of(document.RootElement, "description"));
    }
}
