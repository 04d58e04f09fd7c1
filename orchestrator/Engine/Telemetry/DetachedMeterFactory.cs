using System.Diagnostics.Metrics;

namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>
/// Makes meters for instruments built without a host (tools, tests that build an engine by hand). Meters carry their
/// factory as scope, and a server's OpenTelemetry drops meters of any factory but its own container's
/// <see cref="IMeterFactory"/> (TelemetrySetup): so these stay out of every server's /metrics.
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
