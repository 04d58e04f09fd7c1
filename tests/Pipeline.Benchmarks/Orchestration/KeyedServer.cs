using System.Net.Http.Headers;
using Pipeline.Benchmarks.Ingest;
using Pipeline.Orchestrator.Hosting;
using Pipeline.Testing;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The real workflow server for an API benchmark: a free loopback port, its own SQLite file, data root and empty
/// workflows folder under <c>folder</c> (recreated), no steps run and no schedules, and a client that sends the first
/// admin's API key.
/// </summary>
internal sealed class KeyedServer : IAsyncDisposable
{
    private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

    private KeyedServer(Microsoft.AspNetCore.Builder.WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    /// <summary>Sends the admin's key; no time limit (an upload may take long).</summary>
    public HttpClient Http { get; }

    public static async Task<KeyedServer> StartAsync(string folder, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        IngestFiles.Recreate(folder);
        var key = Orchestrator.Accounts.ApiKeySecrets.Generate();
        var url = $"http://127.0.0.1:{PostgresServer.FreePort()}";
        var configuration = new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["Storage:SqliteFile"] = Path.Combine(folder, "pipeline.db"),
            ["Engine:DataRoot"] = Path.Combine(folder, "data"),
            ["Engine:RunSteps"] = "false",
            ["Scheduler:Enabled"] = "false",
            ["Workflows:Folder"] = Directory.CreateDirectory(Path.Combine(folder, "workflows")).FullName,
            ["Auth:Admin:ApiKey"] = key,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, value) in settings)
        {
            configuration[name] = value;
        }

        var app = ServerApp.Build([], configuration);
        await app.StartAsync(cancellationToken);
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new KeyedServer(app, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
