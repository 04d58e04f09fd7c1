using System.Diagnostics.Metrics;
using Pipeline.Orchestrator.Engine.Telemetry;

namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// The catalog on <c>/metrics</c> (meter <see cref="MeterName"/>). The gauges read a snapshot of
/// <see cref="IAssetStore.SummariesAsync"/> that a background loop refreshes every <see cref="RefreshInterval"/>, so
/// a scrape never queries the database; ages are computed at scrape time from the snapshot's instants, so they keep
/// growing between refreshes. A snapshot three intervals old (the database is away) reports nothing. Every server
/// reports the same gauge values: aggregate with max, not sum.
/// </summary>
/// <remarks>
/// Rows are a histogram per recorded partition rather than a total per asset: what an operator looks for is the one
/// day with far fewer rows than the others (a sensor gone quiet), which buckets show and a total hides.
/// </remarks>
public sealed class AssetMetrics : IDisposable
{
    public const string MeterName = "Pipeline.Assets";

    // Decades: a day of one sensor has hundreds of rows, a day of thousands of sensors millions.
    private static readonly long[] RowBuckets = [0, 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    private readonly Meter _meter;
    private readonly TimeProvider _clock;
    private readonly Histogram<long> _rows;
    private volatile Snapshot? _snapshot;

    public AssetMetrics(TimeProvider clock, IMeterFactory? meters = null)
    {
        _clock = clock;
        _meter = (meters ?? DetachedMeterFactory.Instance).Create(new MeterOptions(MeterName));
        _meter.CreateObservableGauge("pipeline.asset.partitions", ObservePartitions, "{partition}", "Partitions of each asset by state (materialized, stale, failed, missing).");
        _meter.CreateObservableGauge("pipeline.asset.oldest_stale_age", ObserveStaleAge, "s", "How long the asset's oldest stale partition has been stale; absent when none is.");
        _meter.CreateObservableGauge("pipeline.asset.freshness", ObserveFreshness, "s", "Time since the asset's newest materialized partition (by day) was materialized.");
        _rows = _meter.CreateHistogram<long>("pipeline.asset.partition.rows", "{row}", "Rows of each partition recorded (new content only), by asset.", tags: null,
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = RowBuckets });
    }

    /// <summary>How often the gauges' snapshot is refreshed from the database.</summary>
    public static TimeSpan RefreshInterval { get; } = TimeSpan.FromSeconds(15);

    /// <summary>A new snapshot of every asset's summary.</summary>
    public void Update(IReadOnlyList<AssetSummary> summaries) => _snapshot = new Snapshot(summaries, _clock.GetUtcNow());

    /// <summary>A partition recorded with new content, into the rows histogram.</summary>
    public void PartitionRecorded(Materialization materialization)
    {
        ArgumentNullException.ThrowIfNull(materialization);
        if (materialization.Rows is { } rows)
        {
            _rows.Record(rows, new KeyValuePair<string, object?>("asset", materialization.Asset));
        }
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObservePartitions() =>
        Current().SelectMany(s => PartitionStates.All.Select(state =>
            new Measurement<long>(s.Counts.GetValueOrDefault(state), new("asset", s.Asset.Name), new("state", state))));

    private IEnumerable<Measurement<double>> ObserveStaleAge()
    {
        var now = _clock.GetUtcNow();
        return Current().Where(s => s.OldestStaleSince is not null)
            .Select(s => new Measurement<double>(Math.Max(0, (now - s.OldestStaleSince!.Value).TotalSeconds), new KeyValuePair<string, object?>("asset", s.Asset.Name)));
    }

    private IEnumerable<Measurement<double>> ObserveFreshness()
    {
        var now = _clock.GetUtcNow();
        return Current().Where(s => s.LastMaterializedAt is not null)
            .Select(s => new Measurement<double>(Math.Max(0, (now - s.LastMaterializedAt!.Value).TotalSeconds), new KeyValuePair<string, object?>("asset", s.Asset.Name)));
    }

    private IReadOnlyList<AssetSummary> Current() =>
        _snapshot is { } snapshot && _clock.GetUtcNow() - snapshot.At < RefreshInterval * 3 ? snapshot.Summaries : [];

    private sealed record Snapshot(IReadOnlyList<AssetSummary> Summaries, DateTimeOffset At);
}
