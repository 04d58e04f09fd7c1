using System.Diagnostics.Metrics;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// Active runs and queue depth per workflow, as the database sees them across all servers. A scrape must not wait
/// on the database, so a background loop refreshes a snapshot (<see cref="Update"/>) and the gauges read it; a
/// snapshot too old to trust (the database is away) reports nothing rather than stale numbers. Every server
/// reports the same values: aggregate with max, not sum.
/// </summary>
public sealed class QueueGauges : IDisposable
{
    private readonly Meter _meter;
    private readonly TimeProvider _clock;
    private volatile Snapshot? _snapshot;

    public QueueGauges(TimeProvider clock, IMeterFactory? meters = null)
    {
        _clock = clock;
        _meter = (meters ?? DetachedMeterFactory.Instance).Create(new MeterOptions(TelemetryNames.OrchestrationMeter));
        _meter.CreateObservableGauge("pipeline.runs.active", ObserveActive, description: "Runs running now, by workflow (all servers).");
        _meter.CreateObservableGauge("pipeline.queue.depth", ObserveQueues,
            description: "Work waiting, by workflow: queue=runs (queued runs waiting for a slot), queue=steps (ready steps not yet claimed).");
    }

    /// <summary>How often the snapshot is refreshed; one three times older is not reported.</summary>
    public static TimeSpan RefreshInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>A new snapshot: every workflow, idle ones with zeros (<see cref="Storage.IRunStore.CountQueuesAsync"/>).</summary>
    public void Update(IReadOnlyList<QueueCounts> counts) => _snapshot = new Snapshot(counts, _clock.GetUtcNow());

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveActive() =>
        Current().Select(c => new Measurement<long>(c.ActiveRuns, new KeyValuePair<string, object?>("workflow", c.WorkflowId)));

    private IEnumerable<Measurement<long>> ObserveQueues() =>
        Current().SelectMany(c => new[]
        {
            new Measurement<long>(c.QueuedRuns, new("workflow", c.WorkflowId), new("queue", "runs")),
            new Measurement<long>(c.ReadySteps, new("workflow", c.WorkflowId), new("queue", "steps")),
        });

    private IReadOnlyList<QueueCounts> Current() =>
        _snapshot is { } snapshot && _clock.GetUtcNow() - snapshot.At < RefreshInterval * 3 ? snapshot.Counts : [];

    private sealed record Snapshot(IReadOnlyList<QueueCounts> Counts, DateTimeOffset At);
}
