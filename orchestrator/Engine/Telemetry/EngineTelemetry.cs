namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>The engine's metrics and traces in one dependency: what the engine, launcher and scheduler report to.</summary>
public sealed class EngineTelemetry(OrchestrationMetrics metrics, RunTracing tracing, DataMetrics data)
{
    /// <summary>Instruments of its own, that nothing exports unless a listener subscribes (tools and tests).</summary>
    public EngineTelemetry()
        : this(new OrchestrationMetrics(), new RunTracing(), new DataMetrics())
    {
    }

    public OrchestrationMetrics Metrics { get; } = metrics;

    public RunTracing Tracing { get; } = tracing;

    public DataMetrics Data { get; } = data;
}
