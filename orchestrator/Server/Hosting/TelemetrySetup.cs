using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Engine.Telemetry;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// OpenTelemetry for the server: <c>GET /metrics</c> in Prometheus text format (the pipeline's meters, HTTP server,
/// Kestrel and .NET runtime), and traces of runs and step attempts, exported over OTLP when an endpoint is set with
/// OpenTelemetry's standard variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>,
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_SERVICE_NAME</c>, ...), which the
/// exporter reads itself.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The meters ASP.NET Core and the runtime publish themselves since .NET 8 and 9. Listening to them by name needs
    /// no instrumentation package: on .NET 9 and later OpenTelemetry.Instrumentation.AspNetCore (for metrics) and
    /// .Runtime only add these same meters.
    /// </summary>
    private static readonly string[] BuiltInMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Runtime",
    ];

    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exportTraces = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pipeline-server"))
            .WithMetrics(m =>
            {
                m.AddMeter(BuiltInMeters)
                    .AddMeter(TelemetryNames.OrchestrationMeter, TelemetryNames.DataMeter, AssetMetrics.MeterName)
                    .AddPrometheusExporter();
                ((IDeferredMeterProviderBuilder)m).Configure((provider, built) => built.AddView(OnlyThisHost(provider.GetRequiredService<IMeterFactory>())));
            })
            .WithTracing(t =>
            {
                // Always listening, exporter or not: the spans give every run and attempt its trace id, which step
                // logs and the run's record carry even where no tracing backend is set up.
                t.AddSource(TelemetryNames.ActivitySource);
                if (exportTraces)
                {
                    t.AddOtlpExporter();
                }
            });
        services.AddHostedService<QueueGaugesHostedService>();
        services.AddAssetGauges();
        return services;
    }

    /// <summary>
    /// OpenTelemetry listens to meters by name in the whole process, whatever factory made them: a second host in
    /// the process (tests, tools that embed a server) would add its counts to this one's series, and disposing it
    /// would silently drop the series they share from this host's /metrics. Meters made by another container's
    /// factory are dropped here; meters without a factory (the runtime's) are process-wide and kept.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, own) ? MetricStreamConfiguration.Drop : null;

    public static IEndpointRouteBuilder MapPipelineMetrics(this IEndpointRouteBuilder endpoints, bool anonymous)
    {
        // Not part of the API: kept out of the OpenAPI document, as /healthz and /readyz are.
        var metrics = endpoints.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        if (anonymous)
        {
            metrics.AllowAnonymous();
        }

        return endpoints;
    }
}
