using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// <c>GET /metrics</c> in Prometheus text format (OpenTelemetry's Prometheus exporter): HTTP server, Kestrel and
/// .NET runtime metrics now, the pipeline's own meter when it has one (issue #6).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

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

    public static IServiceCollection AddPipelineMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("pipeline-server"))
            .WithMetrics(m => m.AddMeter(BuiltInMeters).AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapPipelineMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Not part of the API: kept out of the OpenAPI document, as /healthz is.
        endpoints.MapPrometheusScrapingEndpoint(Path).ExcludeFromDescription();
        return endpoints;
    }
}
