using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// The data gauges (meter <see cref="TelemetryNames.DataMeter"/>): per workflow and step, the values the latest
/// successful attempt on this server put in its manifest. Held in memory: after a restart a step's series return
/// with its next run (Prometheus keeps their history meanwhile).
/// </summary>
public sealed class DataMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly ConcurrentDictionary<(string Workflow, string Step), ILookup<string, DataPoint>> _latest = new();

    /// <param name="meters">The host's factory, so only its own OpenTelemetry reads these; none: detached meters.</param>
    public DataMetrics(IMeterFactory? meters = null)
    {
        _meter = (meters ?? DetachedMeterFactory.Instance).Create(new MeterOptions(TelemetryNames.DataMeter));
        foreach (var (name, unit, description) in DataInstruments.All)
        {
            _meter.CreateObservableGauge(name, () => Observe(name), unit, description);
        }
    }

    /// <summary>Replaces the step's values with what its manifest says. Throws on an unreadable file or bad JSON.</summary>
    public async Task RecordManifestAsync(string workflow, string step, string outputFolder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outputFolder, ManifestObservations.FileName);
        if (!File.Exists(path))
        {
            // A command step need not follow the step contract: no manifest, no data metrics.
            return;
        }

        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        Record(workflow, step, ManifestObservations.From(document.RootElement));
    }

    public void Record(string workflow, string step, IReadOnlyList<DataPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _latest[(workflow, step)] = points.ToLookup(p => p.Instrument, StringComparer.Ordinal);
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> Observe(string instrument)
    {
        foreach (var ((workflow, step), points) in _latest)
        {
            foreach (var point in points[instrument])
            {
                yield return new Measurement<double>(point.Value, [new("workflow", workflow), new("step", step), .. point.Labels]);
            }
        }
    }
}
