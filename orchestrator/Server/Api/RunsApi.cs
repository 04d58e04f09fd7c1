using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Engine.Telemetry;
using Pipeline.Orchestrator.Http;

namespace Pipeline.Orchestrator.Api;

/// <summary>Runs: list with filters and paging, detail, trigger, cancel, pause and resume, retry a step, re-run from failure, re-run.</summary>
internal static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Runs");
        group.MapGet("/runs", ListAsync).WithSummary("Runs, newest first, with filters and keyset paging");
        group.MapGet("/runs/{runId}", GetAsync).WithSummary("A run with its steps and their attempts");
        group.MapGet("/runs/{runId}/steps/{stepId}/partitions", PartitionsAsync).WithSummary("A partitioned step's partitions by day, filtered by state, with keyset paging");
        group.MapPost("/workflows/{workflowId}/runs", TriggerAsync).WithSummary("Start a run of the latest published version (or a given one)").RequireAuthorization(Auth.AuthPolicies.Operator).LimitTriggers();
        group.MapPost("/runs/{runId}/cancel", CancelAsync).WithSummary("Cancel a run; its running steps are stopped").RequireAuthorization(Auth.AuthPolicies.Operator);
        group.MapPost("/runs/{runId}/pause", PauseAsync)
            .WithSummary("Pause a queued or running run (a long backfill): no step of it starts until it is resumed; running steps finish").RequireAuthorization(Auth.AuthPolicies.Operator);
        group.MapPost("/runs/{runId}/resume", ResumeAsync)
            .WithSummary("Resume a paused run: it is queued for a slot of its workflow and goes on where it stopped").RequireAuthorization(Auth.AuthPolicies.Operator);
        group.MapPost("/runs/{runId}/steps/{stepId}/retry", RetryStepAsync)
            .WithSummary("Retry one step in the run, clearing its downstream steps; on the run's version, or with {\"version\": \"latest\"} on the latest published one").RequireAuthorization(Auth.AuthPolicies.Operator);
        group.MapPost("/runs/{runId}/steps/{stepId}/override-gate", OverrideGateAsync)
            .WithSummary("Override the failed gate of a blocked step (a drift gate) with a reason, and retry it so the run goes on").RequireAuthorization(Auth.AuthPolicies.Editor);
        group.MapPost("/runs/{runId}/retry-failed", RetryFailedAsync)
            .WithSummary("Re-run what failed, keeping what succeeded; on the run's version, or with {\"version\": \"latest\"} on the latest published one").RequireAuthorization(Auth.AuthPolicies.Operator);
        group.MapPost("/runs/{runId}/rerun", RerunAsync)
            .WithSummary("Start a new run with the same inputs and logical date, on the same version or with {\"version\": \"latest\"} the latest published one").RequireAuthorization(Auth.AuthPolicies.Operator).LimitTriggers();
        return group;
    }

    private static async Task<Results<Ok<RunListView>, ProblemHttpResult>> ListAsync(
        IRunStore runs, string? workflow, string? state, string? before, DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken cancellationToken)
    {
        RunState? parsed = null;
        if (state is not null)
        {
            try
            {
                parsed = StateNames.ParseRun(state);
            }
            catch (FormatException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        }

        var page = await runs.ListRunsAsync(
            new RunQuery { WorkflowId = workflow, State = parsed, Before = before, CreatedFrom = from, CreatedTo = to, Limit = Math.Clamp(limit ?? 50, 1, 500) },
            cancellationToken);
        return TypedResults.Ok(new RunListView(
            [.. page.Runs.Select(r => new RunListItem(
                RunView.Of(r.Run), r.StepCounts, r.FirstFailure is { } f ? new StepFailureView(f.StepId, f.ExitCode, f.Error) : null))],
            page.Next,
            page.Total));
    }

    private static async Task<Results<Ok<RunDetailView>, ProblemHttpResult>> GetAsync(string runId, IRunStore runs, CancellationToken cancellationToken)
    {
        var run = await runs.GetRunAsync(runId, cancellationToken);
        return run is null
            ? ApiProblems.NotFound($"no run '{runId}'")
            : TypedResults.Ok(RunDetailView.Of(run, await runs.GetStepRunsAsync(runId, cancellationToken), await runs.GetAttemptsAsync(runId, cancellationToken)));
    }

    private static async Task<Results<Ok<StepPartitionListView>, ProblemHttpResult>> PartitionsAsync(
        string runId, string stepId, string? state, string? after, int? limit, IRunStore runs, CancellationToken cancellationToken)
    {
        StepState? wanted = null;
        if (state is not null)
        {
            try
            {
                wanted = StateNames.ParseStep(state);
            }
            catch (FormatException e)
            {
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
            }
        }

        if (limit is < 1 or > 1000)
        {
            return TypedResults.Problem("limit: must be 1 to 1000", statusCode: StatusCodes.Status400BadRequest);
        }

        var steps = await runs.GetStepRunsAsync(runId, cancellationToken);
        if (steps.Count == 0)
        {
            return ApiProblems.NotFound($"no run '{runId}'");
        }

        if (steps.FirstOrDefault(s => s.StepId == stepId && s.ParentStepId is null) is not { } step)
        {
            return ApiProblems.NotFound($"run '{runId}' has no step '{stepId}'");
        }

        var partitions = steps.Where(s => s.ParentStepId == step.StepId).OrderBy(s => s.PartitionKey, StringComparer.Ordinal).ToList();
        var page = partitions
            .Where(p => (wanted is null || p.State == wanted) && (after is null || string.CompareOrdinal(p.PartitionKey, after) > 0))
            .Take((limit ?? 100) + 1)
            .ToList();
        var take = limit ?? 100;
        return TypedResults.Ok(new StepPartitionListView(
            stepId,
            RunDetailView.Counts(partitions),
            [.. page.Take(take).Select(p => new StepPartitionView(p.PartitionKey!, p.StepId, StateNames.Of(p.State), p.Attempts, p.StartedAt, p.FinishedAt, p.ExitCode, p.Error, p.Spec.OutputFolder))],
            page.Count > take ? page[take - 1].PartitionKey : null));
    }

    private static async Task<Results<Created<RunView>, Ok<RunView>, ProblemHttpResult>> TriggerAsync(
        string workflowId, TriggerRequest? request, bool? wait, ClaimsPrincipal user, RunLauncher launcher, RunWatcher watcher, CancellationToken cancellationToken)
    {
        request ??= new TriggerRequest();
        var (inputs, problems) = ApiInputs.FromJson(request.Inputs);
        if (problems.Count > 0)
        {
            return ApiProblems.Invalid($"the inputs do not fit workflow '{workflowId}'", problems);
        }

        RunRecord? run;
        try
        {
            run = await launcher.LaunchAsync(
                new LaunchRequest { WorkflowId = workflowId, Version = request.Version, Inputs = inputs, LogicalDate = request.LogicalDate, StartedBy = user.UserName() }, cancellationToken);
        }
        catch (LaunchRefusedException e)
        {
            return ApiProblems.Refused(e);
        }

        if (run is null)
        {
            return ApiProblems.Conflict("the run was already created");
        }

        if (wait == true)
        {
            var ended = await watcher.WaitAsync(run.Id, TimeSpan.FromMinutes(10), null, cancellationToken) ?? run;
            return TypedResults.Ok(RunView.Of(ended));
        }

        return TypedResults.Created($"/api/runs/{run.Id}", RunView.Of(run));
    }

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> CancelAsync(
        string runId, IRunStore runs, WorkflowEngine engine, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await runs.GetRunAsync(runId, cancellationToken) is null)
        {
            return ApiProblems.NotFound($"no run '{runId}'");
        }

        if (!await runs.CancelRunAsync(runId, "cancelled through the API", clock.GetUtcNow(), cancellationToken))
        {
            return ApiProblems.Conflict($"run '{runId}' has already ended");
        }

        engine.StopRun(runId);
        return TypedResults.Ok(RunView.Of((await runs.GetRunAsync(runId, cancellationToken))!));
    }

    private static Task<Results<Ok<RunView>, ProblemHttpResult>> PauseAsync(
        string runId, IRunStore runs, EngineSignal signal, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(runId, runs, signal, (run, steps) => RunProgress.Pause(run, steps, clock.GetUtcNow()), cancellationToken);

    private static Task<Results<Ok<RunView>, ProblemHttpResult>> ResumeAsync(
        string runId, IRunStore runs, EngineSignal signal, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(runId, runs, signal, (run, steps) => RunProgress.Resume(run, steps, clock.GetUtcNow()), cancellationToken);

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> RetryStepAsync(
        string runId, string stepId, RerunRequest? request, IRunStore runs, RunLauncher launcher, EngineSignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        var version = await RerunVersion.ResolveAsync(runId, request, runs, launcher, cancellationToken);
        if (version.Problem is { } problem)
        {
            return problem;
        }

        return await ChangeAsync(
            runId,
            runs,
            signal,
            (run, steps) => version.Switch is { } to
                ? RunRedefinition.RetryStep(run, steps, stepId, to, clock.GetUtcNow())
                : RunProgress.RetryStep(run, steps, stepId, clock.GetUtcNow()),
            cancellationToken);
    }

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> OverrideGateAsync(
        string runId, string stepId, GateOverrideRequest request, ClaimsPrincipal user, IRunStore runs, EngineSignal signal, EngineTelemetry telemetry,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Reason?.Trim() is not { Length: > 0 and <= 500 } reason)
        {
            return TypedResults.Problem("reason: say why the gate may be passed (1 to 500 characters)", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid");
        }

        var changed = await ChangeAsync(runId, runs, signal, (run, steps) => RunProgress.OverrideGate(run, steps, stepId, $"{user.UserName()}: {reason}", clock.GetUtcNow()), cancellationToken);
        if (changed.Result is Ok<RunView> { Value: { } view })
        {
            telemetry.Metrics.GateOverridden(view.WorkflowId, stepId);
        }

        return changed;
    }

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> RetryFailedAsync(
        string runId, RerunRequest? request, IRunStore runs, RunLauncher launcher, EngineSignal signal, TimeProvider clock, CancellationToken cancellationToken)
    {
        var version = await RerunVersion.ResolveAsync(runId, request, runs, launcher, cancellationToken);
        if (version.Problem is { } problem)
        {
            return problem;
        }

        return await ChangeAsync(
            runId,
            runs,
            signal,
            (run, steps) => version.Switch is { } to ? RunRedefinition.RetryFailed(run, steps, to, clock.GetUtcNow()) : RunProgress.RetryFailed(run, steps, clock.GetUtcNow()),
            cancellationToken);
    }

    private static async Task<Results<Ok<RunView>, ProblemHttpResult>> ChangeAsync(
        string runId, IRunStore runs, EngineSignal signal, Func<RunRecord, IReadOnlyList<StepRunRecord>, RunChange> change, CancellationToken cancellationToken)
    {
        try
        {
            var run = await runs.ChangeRunAsync(runId, change, cancellationToken);
            signal.Wake();
            return run is null ? ApiProblems.NotFound($"no run '{runId}'") : TypedResults.Ok(RunView.Of(run));
        }
        catch (RunChangeRefusedException e)
        {
            return ApiProblems.Conflict(e.Message);
        }
    }

    private static async Task<Results<Created<RunView>, ProblemHttpResult>> RerunAsync(
        string runId, RerunRequest? request, ClaimsPrincipal user, IRunStore runs, RunLauncher launcher, CancellationToken cancellationToken)
    {
        var onLatest = RerunVersion.OnLatest(request, out var choiceProblem);
        if (choiceProblem is not null)
        {
            return choiceProblem;
        }

        var previous = await runs.GetRunAsync(runId, cancellationToken);
        if (previous is null)
        {
            return ApiProblems.NotFound($"no run '{runId}'");
        }

        try
        {
            var run = await launcher.LaunchAsync(
                new LaunchRequest
                {
                    WorkflowId = previous.WorkflowId,
                    // Null: the latest published version, checked as any launch of it (the inputs must fit it).
                    Version = onLatest ? null : previous.WorkflowVersion,
                    Inputs = previous.Inputs,
                    LogicalDate = previous.LogicalDate,
                    TriggeredBy = "rerun",
                    StartedBy = user.UserName(),
                },
                cancellationToken);
            return TypedResults.Created($"/api/runs/{run!.Id}", RunView.Of(run));
        }
        catch (LaunchRefusedException e)
        {
            return ApiProblems.Refused(e);
        }
    }
}
