using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// The orchestration's counters and histograms (meter <see cref="TelemetryNames.OrchestrationMeter"/>). Labels are
/// bounded: workflow, step, trigger and status only, never a run id. Prometheus names follow OpenTelemetry's
/// conversion: <c>pipeline.step.duration</c> in seconds becomes <c>pipeline_step_duration_seconds</c>.
/// </summary>
public sealed class OrchestrationMetrics : IDisposable
{
    // Steps run from seconds to hours: the default buckets (to 10 s) would put every real step in +Inf.
    private static readonly double[] DurationBuckets = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400];

    // Claim latency is the engine's polling: milliseconds to a few seconds, more when the server is saturated.
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

    private readonly Meter _meter;
    private readonly Counter<long> _runsTriggered;
    private readonly Counter<long> _runsRefused;
    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsFinished;
    private readonly Histogram<double> _runDuration;
    private readonly Histogram<double> _stepDuration;
    private readonly Histogram<double> _stepStartLatency;
    private readonly Counter<long> _stepRetries;
    private readonly Counter<long> _gatesBlocked;
    private readonly Counter<long> _logBytesDropped;
    private readonly Counter<long> _gatesOverridden;
    private readonly Histogram<double> _schedulerLag;

    /// <param name="meters">The host's factory, so only its own OpenTelemetry reads these; none: detached meters.</param>
    public OrchestrationMetrics(IMeterFactory? meters = null)
    {
        _meter = (meters ?? DetachedMeterFactory.Instance).Create(new MeterOptions(TelemetryNames.OrchestrationMeter));
        _runsTriggered = _meter.CreateCounter<long>("pipeline.runs.triggered", description: "Runs created, by workflow and trigger (manual, cron, http, backfill, rerun).");
        _runsRefused = _meter.CreateCounter<long>("pipeline.runs.refused",
            description: "Runs a trigger asked for and the server did not create, by workflow, trigger and reason (queue-full: Engine:MaxQueuedRunsPerWorkflow).");
        _runsStarted = _meter.CreateCounter<long>("pipeline.runs.started", description: "Runs that got a slot of their workflow and started running.");
        _runsFinished = _meter.CreateCounter<long>("pipeline.runs.finished", description: "Runs that ended, by workflow and status (succeeded, failed, cancelled).");
        _runDuration = _meter.CreateHistogram("pipeline.run.duration", "s", "Run wall time from start to end, by workflow and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _stepDuration = _meter.CreateHistogram("pipeline.step.duration", "s", "Step attempt wall time, by workflow, step and how the attempt ended.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _stepStartLatency = _meter.CreateHistogram("pipeline.step.start_latency", "s", "Time from a step becoming ready to an attempt starting.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _stepRetries = _meter.CreateCounter<long>("pipeline.step.retries", description: "Failed step attempts that were scheduled to run again.");
        _gatesBlocked = _meter.CreateCounter<long>("pipeline.gate.blocked", description: "Step attempts whose gate failed (exit 79, a drift gate): what follows waits for an override.");
        _logBytesDropped = _meter.CreateCounter<long>("pipeline.step.log_dropped", "By",
            "Bytes of step output that could not be written to the attempt's log (a full disk), by workflow and step.");
        _gatesOverridden = _meter.CreateCounter<long>("pipeline.gate.overridden", description: "Failed gates an editor overrode, letting the run go on.");
        _schedulerLag = _meter.CreateHistogram("pipeline.scheduler.lag", "s", "Time from a cron trigger's due time to its run being created.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    public void RunTriggered(string workflow, string trigger) =>
        _runsTriggered.Add(1, new TagList { { "workflow", workflow }, { "trigger", trigger } });

    public void RunsRefused(string workflow, string trigger, string reason, int count) =>
        _runsRefused.Add(count, new TagList { { "workflow", workflow }, { "trigger", trigger }, { "reason", reason } });

    public void RunStarted(string workflow) => _runsStarted.Add(1, new KeyValuePair<string, object?>("workflow", workflow));

    public void RunFinished(string workflow, string status, TimeSpan duration)
    {
        var tags = new TagList { { "workflow", workflow }, { "status", status } };
        _runsFinished.Add(1, tags);
        _runDuration.Record(Seconds(duration), tags);
    }

    public void StepAttemptEnded(string workflow, string step, string status, TimeSpan duration) =>
        _stepDuration.Record(Seconds(duration), new TagList { { "workflow", workflow }, { "step", step }, { "status", status } });

    public void StepStarted(string workflow, string step, TimeSpan sinceReady) =>
        _stepStartLatency.Record(Seconds(sinceReady), new TagList { { "workflow", workflow }, { "step", step } });

    public void StepRetried(string workflow, string step) =>
        _stepRetries.Add(1, new TagList { { "workflow", workflow }, { "step", step } });

    public void LogBytesDropped(string workflow, string step, long bytes) =>
        _logBytesDropped.Add(bytes, new TagList { { "workflow", workflow }, { "step", step } });

    public void GateBlocked(string workflow, string step) =>
        _gatesBlocked.Add(1, new TagList { { "workflow", workflow }, { "step", step } });

    public void GateOverridden(string workflow, string step) =>
        _gatesOverridden.Add(1, new TagList { { "workflow", workflow }, { "step", step } });

    public void CronFired(string workflow, TimeSpan lag) =>
        _schedulerLag.Record(Seconds(lag), new KeyValuePair<string, object?>("workflow", workflow));

    public void Dispose() => _meter.Dispose();

    // Clock skew between servers can make a span negative; a histogram of durations has no use for that.
    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);
}
