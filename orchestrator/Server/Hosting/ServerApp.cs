using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Console;
using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Api;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Hosting;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Http;
using Scalar.AspNetCore;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>The web server: REST API, OpenAPI document and reference page, HTTP hooks, /metrics, engine and scheduler.</summary>
public static class ServerApp
{
    private const string ReadyTag = "ready";

    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection(overrides);
        // A line per request is noise for an operator; the server's own logs say what happens to runs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Data Protection warns that its keys are stored unencrypted: they are in the orchestrator's database
        // (Auth/DatabaseKeyRing.cs), whose readers can change any user's role anyway.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // Log lines about a run say which one: the engine's scopes (workflow, run, step, attempt) and the trace.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
        // JSON lines (Logging:Console:FormatterName=json, or serve --log-format json) for log collectors.
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Services.AddPipelineOrchestrator(builder.Configuration);
        // The host waits for the engine's drain (and the stop of what is left) before it gives up on shutting down.
        builder.Services.AddOptions<HostOptions>().Configure<EngineOptions>((host, engine) =>
            host.ShutdownTimeout = TimeSpan.FromTicks(Math.Max(host.ShutdownTimeout.Ticks, (engine.DrainTimeout + TimeSpan.FromSeconds(20)).Ticks)));
        builder.Services.AddHostedService<StartupHostedService>();
        builder.Services.AddPipelineBackgroundWork();
        builder.Services.AddProblemDetails();
        builder.Services.AddRequestLimits(builder.Configuration);
        builder.Services.AddPipelineAuth(builder.Configuration);
        builder.Services.AddPipelineTelemetry(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag]);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Pipeline workflow server";
            document.Info.Description = "Workflows, runs, schedules and logs of the sensor pipeline.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        var app = builder.Build();
        StartupValidation.Run(app.Services);
        app.UseSecurityHeaders();
        // An unreachable database is the server's state, not the request's fault: 503, so clients and proxies retry.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A body over the size limit is Kestrel's 413, not a server error.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                OrchestratorStoreException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseControlCharacterGuard();
        app.UseRateLimiter();
        app.UsePipelineUi();
        app.UsePipelineAuth();
        // Open to all: the API's description (no data), liveness and readiness for orchestrators' probes.
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/reference").AllowAnonymous();
        // Liveness: the process serves requests (no check runs). Readiness: the database answers and is migrated.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription().AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync })
            .ExcludeFromDescription().AllowAnonymous();
        app.MapPipelineMetrics(app.Services.GetRequiredService<AuthOptions>().AnonymousMetrics);
        app.MapWorkflowsApi();
        app.MapRunsApi();
        app.MapWorkflowGridApi();
        app.MapLogsApi();
        app.MapManifestsApi();
        app.MapSchedulesApi();
        app.MapCronApi();
        app.MapStepTypesApi();
        app.MapModelsApi();
        app.MapModelVersionsApi();
        app.MapExperimentsApi();
        app.MapPredictionsApi();
        app.MapDatasetsApi();
        app.MapAssetsApi();
        app.MapAssetMaterializeApi();
        app.MapHooksApi();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapKeysApi();
        return app;
    }
}
