using System.Collections;
using System.Diagnostics;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Joins a step run to the orchestrator's trace. The orchestrator starts each attempt with the W3C trace context of
/// the attempt's span in <c>TRACEPARENT</c> (and <c>TRACESTATE</c>); the run becomes a child span of it, so the
/// logger's activity tracking writes the orchestrator's trace id on every log line and the manifest records it.
/// </summary>
/// <remarks>
/// A plain <see cref="Activity"/> rather than an <see cref="ActivitySource"/>: a step exports no spans, and a source
/// with no listener starts no activity, which would leave the logs without the trace id. The activity only carries
/// the context.
/// </remarks>
internal sealed class StepTracing : IDisposable
{
    public const string TraceParentVariable = "TRACEPARENT";
    public const string TraceStateVariable = "TRACESTATE";

    private readonly Activity? _activity;

    private StepTracing(Activity? activity, string? invalidTraceParent)
    {
        _activity = activity;
        InvalidTraceParent = invalidTraceParent;
    }

    /// <summary>The <c>TRACEPARENT</c> value that was refused, to be logged once the logger exists; otherwise null.</summary>
    public string? InvalidTraceParent { get; }

    /// <summary>The trace for the manifest; null when the run has no parent trace.</summary>
    public StepTrace? Trace => _activity is null
        ? null
        : new StepTrace(_activity.TraceId.ToHexString(), _activity.SpanId.ToHexString(), _activity.ParentSpanId.ToHexString());

    /// <summary>
    /// Starts the run's activity under <c>TRACEPARENT</c>. Without one, or with one that is not a valid traceparent,
    /// no activity is started: tracing is an aid, and a bad header must not fail a step that would otherwise succeed.
    /// </summary>
    public static StepTracing Start(string stepName, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment[TraceParentVariable] is not string traceParent || string.IsNullOrWhiteSpace(traceParent))
        {
            return new StepTracing(null, null);
        }

        // TryParse follows W3C Trace Context: 55 characters, lower-case hex, version not ff, trace and span ids not
        // all zeros. A newer version with the version-00 layout is accepted, as the specification asks.
        var traceState = environment[TraceStateVariable] as string;
        if (!ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent))
        {
            return new StepTracing(null, traceParent);
        }

        var activity = new Activity(stepName);
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        activity.TraceStateString = parent.TraceState;
        return new StepTracing(activity.Start(), null);
    }

    public void Dispose() => _activity?.Dispose();
}
