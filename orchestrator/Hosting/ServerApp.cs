using Pipeline.Orchestrator.Api;
using Pipeline.Orchestrator.Persistence;
using Scalar.AspNetCore;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>The web server: REST API, OpenAPI document and reference page, HTTP hooks, /metrics, engine and scheduler.</summary>
public static class ServerApp
{
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection(overrides);
        // A line per request is noise for an operator; the server's own logs say what happens to runs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddPipelineOrchestrator(builder.Configuration);
        builder.Services.AddHostedService<StartupHostedService>();
        builder.Services.AddPipelineBackgroundWork();
        builder.Services.AddProblemDetails();
        builder.Services.AddPipelineMetrics();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Pipeline workflow server";
            document.Info.Description = "Workflows, runs, schedules and logs of the sensor pipeline.";
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));

        var app = builder.Build();
        // An unreachable database is the server's state, not the request's fault: 503, so clients and proxies retry.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is OrchestratorStoreException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException
                ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference");
        app.MapGet("/healthz", () => TypedResults.Ok("ok")).WithTags("Health").ExcludeFromDescription();
        app.MapPipelineMetrics();
        app.MapWorkflowsApi();
        app.MapRunsApi();
        app.MapLogsApi();
        app.MapSchedulesApi();
        app.MapHooksApi();
        return app;
    }
}
