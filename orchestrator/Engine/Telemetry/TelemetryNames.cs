namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>Names the server's meters and activity source go by; the host subscribes its exporters to these.</summary>
public static class TelemetryNames
{
    /// <summary>Runs, steps, queues and the scheduler.</summary>
    public const string OrchestrationMeter = "Pipeline.Orchestrator";

    /// <summary>What the steps observed about the data, read from their manifests.</summary>
    public const string DataMeter = "Pipeline.Data";

    /// <summary>A span per run and per step attempt.</summary>
    public const string ActivitySource = "Pipeline.Orchestrator";
}
