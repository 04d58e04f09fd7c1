using System.Diagnostics.Metrics;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// Makes meters for instruments built without a host (tools, tests that build an engine by hand). Meters carry their
/// factory as scope, and a host's OpenTelemetry only reads meters of its own container's <see cref="IMeterFactory"/>:
/// so these stay out of every server's /metrics, and two servers in one process never mix their series.
/// </summary>
public sealed class DetachedMeterFactory : IMeterFactory
{
    public static readonly DetachedMeterFactory Instance = new();

    private DetachedMeterFactory()
    {
    }

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Scope = this;
        return new Meter(options);
    }

    public void Dispose()
    {
    }
}
