using System.Collections.Concurrent;
using System.Diagnostics;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// A span per run and per step attempt (activity source <see cref="TelemetryNames.ActivitySource"/>).
/// A run outlives requests and may be finished by another server, so its trace context is made when it is created
/// and stored with it (<see cref="RunRecord.TraceParent"/>); attempt spans are its children wherever they run, and
/// each step gets its attempt's context as <c>TRACEPARENT</c>. The run span itself is held open by the server that
/// created the run and ends when that server sees the run finish; a run finished elsewhere (another replica, or
/// after a restart) keeps its attempt spans under the same trace id but has no run span.
/// </summary>
public sealed class RunTracing : IDisposable
{
    // Runs created here and not yet seen to finish. Bounded: a run finished by another server is never seen to
    // finish here, and must not keep its activity forever.
    private const int MaxOpenRunSpans = 10_000;

    private readonly ActivitySource _source = new(TelemetryNames.ActivitySource);
    private readonly ConcurrentDictionary<string, Activity> _openRuns = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens the span of a run about to be created and returns its traceparent to store. Without a listener (no
    /// tracing configured) the ids are made anyway, so step logs can still be correlated by trace id.
    /// </summary>
    public string StartRun(string runId, string workflowId, string trigger, DateTimeOffset createdAt)
    {
        var previous = Activity.Current;
        // A root: a run is not part of the HTTP request or scheduler pass that made it.
        Activity.Current = null;
        try
        {
            var activity = _source.StartActivity($"run {workflowId}", ActivityKind.Internal, parentContext: default, startTime: createdAt);
            if (activity is null)
            {
                return Format(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);
            }

            activity.SetTag("pipeline.workflow", workflowId);
            activity.SetTag("pipeline.run_id", runId);
            activity.SetTag("pipeline.trigger", trigger);
            if (_openRuns.Count < MaxOpenRunSpans)
            {
                _openRuns[runId] = activity;
            }

            return activity.Id!;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>Ends the run's span, when this server holds it.</summary>
    public void EndRun(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!_openRuns.TryRemove(run.Id, out var activity))
        {
            return;
        }

        activity.SetTag("pipeline.status", StateNames.Of(run.State));
        activity.SetStatus(run.State == RunState.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, run.Error);
        // A finished run always has FinishedAt; the fallback keeps a span from ending before it started.
        activity.SetEndTime((run.FinishedAt ?? run.StartedAt ?? run.CreatedAt).UtcDateTime);
        activity.Stop();
    }

    /// <summary>Forgets a run's span without ending it: the run was never stored (a duplicate of a deduplicated trigger).</summary>
    // Not stopped: an activity that never stops is never exported.
    public void Abandon(string runId) => _openRuns.TryRemove(runId, out _);

    /// <summary>Starts the span of one step attempt as a child of its run's; null when nothing listens.</summary>
    public Activity? StartAttempt(ClaimedStep claimed, string runner)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var previous = Activity.Current;
        Activity.Current = null;
        try
        {
            var parent = ActivityContext.TryParse(claimed.Run.TraceParent, null, out var context) ? context : default;
            var activity = _source.StartActivity($"step {claimed.Step.StepId}", ActivityKind.Internal, parent);
            activity?.SetTag("pipeline.workflow", claimed.Run.WorkflowId);
            activity?.SetTag("pipeline.run_id", claimed.Run.Id);
            activity?.SetTag("pipeline.step", claimed.Step.StepId);
            activity?.SetTag("pipeline.attempt", claimed.Key.Attempt);
            activity?.SetTag("pipeline.runner", runner);
            return activity;
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>
    /// The context a step gets as <c>TRACEPARENT</c>: its attempt's span, or the run's when nothing listens here.
    /// </summary>
    public static string? TraceParentFor(Activity? attempt, RunRecord run) => attempt?.Id ?? run?.TraceParent;

    public static void EndAttempt(Activity? attempt, AttemptResult result)
    {
        if (attempt is null)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(result);
        attempt.SetTag("pipeline.status", result.State);
        attempt.SetTag("pipeline.exit_code", result.ExitCode);
        attempt.SetStatus(result.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Error);
        attempt.Stop();
    }

    public void Dispose()
    {
        _openRuns.Clear();
        _source.Dispose();
    }

    private static string Format(ActivityTraceId traceId, ActivitySpanId spanId, ActivityTraceFlags flags) =>
        $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-{(flags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";
}
