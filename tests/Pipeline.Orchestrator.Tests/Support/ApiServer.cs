using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Pipeline.Orchestrator.Hosting;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>
/// The real workflow server (<see cref="ServerApp"/>) on a loopback port with a temp SQLite file (or the given
/// PostgreSQL database), temp data root and a temp workflows folder, and an <see cref="HttpClient"/> for it.
/// </summary>
public sealed class ApiServer : ApiClient, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempFolder _folder;

    private ApiServer(WebApplication app, TempFolder folder, string baseUrl)
        : base(baseUrl)
    {
        _app = app;
        _folder = folder;
    }

    /// <summary>A folder the test can use for files its steps write.</summary>
    public string Scratch => _folder.Sub("scratch", create: true);

    public string DataRoot => _folder.Sub("data");

    /// <summary>The embedded database file (when not started on PostgreSQL).</summary>
    public string DatabaseFile => _folder.Sub("pipeline.db");

    /// <summary>
    /// Scrapes /metrics until a line starts with <paramref name="series"/> (say <c>pipeline_gate_blocked_total{</c>)
    /// or <paramref name="timeout"/> (15 s) passes, and returns the last scrape. The exporter caches its answer for a
    /// moment, gauges refresh on their own timer, and on a busy machine a scrape can take seconds: so the wait is by
    /// time, not by tries.
    /// </summary>
    public async Task<string> MetricsWithAsync(string series, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var body = await Http.GetStringAsync(new Uri(TelemetrySetup.MetricsPath, UriKind.Relative));
            if (body.Split('\n').Any(l => l.StartsWith(series, StringComparison.Ordinal)) || waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(15)))
            {
                return body;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Every endpoint the server maps, with its metadata (authorization tests go through all of them).</summary>
    public IReadOnlyList<Microsoft.AspNetCore.Routing.RouteEndpoint> Endpoints =>
        [.. ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()];

    /// <summary>A client of this server acting with <paramref name="apiKey"/>, or anonymous with null.</summary>
    public ApiClient As(string? apiKey) => new(Http.BaseAddress!.ToString().TrimEnd('/'), apiKey);

    /// <summary>Starts a server publishing <paramref name="workflows"/> from its workflows folder.</summary>
    public static async Task<ApiServer> StartAsync(IEnumerable<JsonObject> workflows, string? postgres = null, Dictionary<string, string?>? extra = null)
    {
        var folder = new TempFolder("orchestrator-api");
        var workflowsFolder = folder.Sub("workflows", create: true);
        foreach (var workflow in workflows)
        {
            ShellWorkflows.WriteTo(workflowsFolder, workflow);
        }

        var baseUrl = $"http://127.0.0.1:{PostgresServer.FreePort()}";
        var overrides = new Dictionary<string, string?>
        {
            ["urls"] = baseUrl,
            ["Storage:SqliteFile"] = folder.Sub("pipeline.db"),
            ["Storage:Database"] = postgres,
            ["Engine:DataRoot"] = folder.Sub("data"),
            ["Engine:PollInterval"] = "00:00:00.100",
            ["Engine:LeaseDuration"] = "00:00:05",
            // A test's server stops its steps when disposed, as before drains existed (EngineDrainTests covers them).
            ["Engine:DrainTimeout"] = "00:00:00",
            ["Workflows:Folder"] = workflowsFolder,
            // Path inputs in tests name the repository's samples, the shared data sets and the test's own folder.
            ["Engine:InputRoots:0"] = SharedData.RepositoryRoot,
            ["Engine:InputRoots:1"] = folder.Path,
            ["Engine:InputRoots:2"] = SharedData.DataRoot,
            // Tests start many runs a second from one address; RequestLimitsTests checks the limit itself.
            ["RateLimits:TriggersPerMinute"] = "100000",
        };
        foreach (var (key, value) in TestAuth.Settings())
        {
            overrides[key] = value;
        }

        foreach (var (key, value) in TestCommands.Settings())
        {
            overrides[key] = value;
        }

        foreach (var (key, value) in extra ?? [])
        {
            overrides[key] = value;
        }

        var app = ServerApp.Build([], overrides);
        await app.StartAsync();
        return new ApiServer(app, folder, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _folder.Dispose();
    }
}
